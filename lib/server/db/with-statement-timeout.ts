import 'server-only';
// Runs read queries on one pooled connection inside a transaction whose statement_timeout is bounded, so a
// pathological user query (a broad regex over a long window) is cancelled by Postgres instead of holding a
// connection. set_config(..., true) is transaction-local and, unlike SET, takes a parameter.
import type pg from 'pg';
import type { Queryable } from './queryable';
import { withTransaction } from './with-transaction';

export async function withStatementTimeout<T>(pool: pg.Pool, timeoutMs: number, work: (db: Queryable) => Promise<T>): Promise<T> {
  return withTransaction(pool, 'BEGIN READ ONLY', async (client) => {
    await client.query(`SELECT set_config('statement_timeout', $1, true)`, [String(Math.max(1, Math.floor(timeoutMs)))]);
    return work(client);
  });
}
