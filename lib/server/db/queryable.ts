import 'server-only';
import type { QueryResultRow } from 'pg';
import type { SqlQuery } from './sql-template';

/** What data-access functions need: a pool or a client inside a transaction. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

export async function queryRows<R extends QueryResultRow>(db: Queryable, query: SqlQuery): Promise<R[]> {
  const result = await db.query<R>(query.text, [...query.values]);
  return result.rows;
}
