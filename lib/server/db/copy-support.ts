import 'server-only';
// COPY FROM STDIN is the fastest bulk path on a PostgreSQL server, but the embedded PGlite socket server
// loses protocol synchronisation on it (and then every query on that connection hangs). openDatabase marks
// the pools that may use it; writers ask here instead of guessing from the pool's class.
// The mark is a registry symbol on the pool itself, not a module-level WeakSet: Next evaluates this module
// once per route bundle, and a WeakSet filled by the bundle that opened the database was empty in the
// others, so their COPY paths silently fell back to the slow ones.
import type pg from 'pg';
import type { Queryable } from './queryable';

const COPY_CAPABLE = Symbol.for('tracehound.copyCapable');

type Marked = { [COPY_CAPABLE]?: true };

export function markCopyCapable(pool: pg.Pool): void {
  (pool as Marked)[COPY_CAPABLE] = true;
}

export function supportsCopy(db: Queryable): db is Queryable & pg.Pool {
  return (db as Marked)[COPY_CAPABLE] === true;
}
