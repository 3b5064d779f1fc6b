import 'server-only';
// Runs a compiled log query with a statement timeout (user regexes reach PostgreSQL's regex engine; the
// timeout bounds the worst case) and turns database errors caused by the query text into 400s.
import type { QueryResultRow } from 'pg';
import type pg from 'pg';
import { AppError } from '../http/app-error';
import type { SqlQuery } from '../db/sql-template';
import { queryRows } from '../db/queryable';
import { withStatementTimeout } from '../db/with-statement-timeout';

export const LOG_QUERY_TIMEOUT_MS = 30_000;

export async function runLogQuery<R extends QueryResultRow>(pool: pg.Pool, query: SqlQuery): Promise<R[]> {
  try {
    return await withStatementTimeout(pool, LOG_QUERY_TIMEOUT_MS, (db) => queryRows<R>(db, query));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '2201B') throw new AppError('bad_request', `invalid regular expression: ${(error as Error).message}`);
    if (code === '57014') {
      throw new AppError('bad_request', `the query ran longer than ${LOG_QUERY_TIMEOUT_MS / 1000}s; narrow the time range or the stream selector`);
    }
    throw error;
  }
}
