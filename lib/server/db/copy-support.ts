import 'server-only';
// COPY FROM STDIN is the fastest bulk path on a PostgreSQL server, but the embedded PGlite socket server
// loses protocol synchronisation on it (and then every query on that connection hangs). openDatabase marks
// the pools that may use it; writers ask here instead of guessing from the pool's class.
import type pg from 'pg';
import type { Queryable } from './queryable';

const copyCapablePools = new WeakSet<object>();

export function markCopyCapable(pool: pg.Pool): void {
  copyCapablePools.add(pool);
}

export function supportsCopy(db: Queryable): db is Queryable & pg.Pool {
  return copyCapablePools.has(db as object);
}
