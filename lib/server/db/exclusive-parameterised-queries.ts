import 'server-only';
// The embedded database's socket server (@electric-sql/pglite-socket) runs every connection on ONE PGlite
// backend session and interleaves connections message by message, except while a transaction is open, when
// it serves only the connection that opened it. A parameterised query is several protocol messages
// (Parse/Bind/Execute/Sync); interleaved with another connection's, it loses its unnamed statement or portal
// ("portal \"\" does not exist") or could even run the other connection's. Wrapping each parameterised pool
// query in BEGIN/COMMIT makes its messages exclusive. Simple (parameterless) queries are one message and stay
// as they are; code that checks out a client opens its own transaction first (see the callers of connect()).
import type pg from 'pg';
import { withTransaction } from './with-transaction';

type QueryFn = (...args: unknown[]) => Promise<pg.QueryResult>;

function parameterValues(args: unknown[]): unknown {
  const [first, second] = args;
  if (typeof first === 'object' && first !== null && 'values' in first) return (first as { values?: unknown }).values;
  return second;
}

export function makeParameterisedQueriesExclusive(pool: pg.Pool): void {
  const original = pool.query.bind(pool) as QueryFn;
  const exclusive: QueryFn = async (...args) => {
    const values = parameterValues(args);
    const usesCallback = args.some((a) => typeof a === 'function');
    if (usesCallback || !Array.isArray(values) || values.length === 0) return original(...args);
    return withTransaction(pool, 'BEGIN', (client) => (client.query as unknown as QueryFn)(...args));
  };
  (pool as unknown as { query: QueryFn }).query = exclusive;
}
