import 'server-only';
// Runs a compiled log query with a statement timeout (user regexes reach PostgreSQL's regex engine; the
// timeout bounds the worst case) and turns database errors caused by the query text into 400s.
import type { QueryResultRow } from 'pg';
import type pg from 'pg';
import { AppError } from '../http/app-error';
import type { SqlQuery } from '../db/sql-template';

export const LOG_QUERY_TIMEOUT_MS = 30_000;

export async function runLogQuery<R extends QueryResultRow>(pool: pg.Pool, query: SqlQuery): Promise<R[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${LOG_QUERY_TIMEOUT_MS}`);
    const result = await client.query<R>(query.text, [...query.values]);
    await client.query('COMMIT');
    return result.rows;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    const code = (error as { code?: string }).code;
    if (code === '2201B') throw new AppError('bad_request', `invalid regular expression: ${(error as Error).message}`);
    if (code === '57014') {
      throw new AppError('bad_request', `the query ran longer than ${LOG_QUERY_TIMEOUT_MS / 1000}s; narrow the time range or the stream selector`);
    }
    throw error;
  } finally {
    client.release();
  }
}
