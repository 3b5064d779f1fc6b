// Day partitions of the time-partitioned tables. A partition covers one UTC day of unix nanoseconds and is
// named <table>_d<YYYYMMDD>. Writers call ensureDayPartitions for the days in a batch before inserting;
// known partitions are cached per process so the steady state costs no query. Retention pre-creates today's
// and tomorrow's (retention.ts), so at midnight the writers usually find the new day's partition in place.
//
// A partition is made as a plain table and then attached, never with CREATE TABLE ... PARTITION OF: that
// takes ACCESS EXCLUSIVE on the parent, so it waits behind every open read of the table and every later
// query queues behind it (the first span of a new day stalled ingest and the trace page until a slow search
// ended). ATTACH PARTITION takes only SHARE UPDATE EXCLUSIVE on the parent, which reads and writes do not
// conflict with; the partition's indexes are created by the attach, on an empty table.
import type { Queryable } from './queryable';

import { NS_PER_DAY } from '@/lib/domain/model/ingest-window';

export { NS_PER_DAY };
const MAX_INT8 = 9_223_372_036_854_775_807n;

export type PartitionedTable = 'spans' | 'logs' | 'metric_points';

const known = new Map<string, Set<number>>();

function cacheKey(db: Queryable, table: PartitionedTable): string {
  // One cache per pool: tests open several databases in one process.
  let id = poolIds.get(db as object);
  if (id === undefined) {
    id = ++poolCount;
    poolIds.set(db as object, id);
  }
  return `${id}:${table}`;
}
const poolIds = new WeakMap<object, number>();
let poolCount = 0;

/** Days since the unix epoch (UTC) of a unix-nanosecond instant. Negative instants are rejected upstream. */
export function dayOfUnixNano(ns: bigint): number {
  return Number(ns / NS_PER_DAY);
}

export function partitionName(table: PartitionedTable, day: number): string {
  const date = new Date(day * 86_400_000);
  const ymd = date.toISOString().slice(0, 10).replaceAll('-', '');
  return `${table}_d${ymd}`;
}

export function dayFromPartitionName(name: string): number | null {
  const match = /_d(\d{4})(\d{2})(\d{2})$/.exec(name);
  if (!match) return null;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000;
}

export async function ensureDayPartitions(db: Queryable, table: PartitionedTable, days: Iterable<number>): Promise<void> {
  const key = cacheKey(db, table);
  let cache = known.get(key);
  if (!cache) {
    cache = new Set();
    known.set(key, cache);
  }
  for (const day of new Set(days)) {
    if (cache.has(day)) continue;
    const name = partitionName(table, day);
    const from = BigInt(day) * NS_PER_DAY;
    // The day holding the largest int8 ends past it: its upper bound is MAXVALUE (a literal would overflow).
    const to = from + NS_PER_DAY > MAX_INT8 ? 'MAXVALUE' : String(from + NS_PER_DAY);
    try {
      // Identifiers come from integers only; bounds are integer literals (DDL takes no parameters). One DO
      // block is one transaction: a partition is never left created but not attached.
      await db.query(
        `DO $$ BEGIN
           IF to_regclass('"${name}"') IS NULL THEN
             CREATE TABLE "${name}" (LIKE "${table}" INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMPRESSION);
             ALTER TABLE "${table}" ATTACH PARTITION "${name}" FOR VALUES FROM (${from}) TO (${to});
           END IF;
         END $$`,
      );
    } catch (error) {
      // Another writer (or retention, pre-creating it) created it between our check and our CREATE: depending
      // on where the two collide, PostgreSQL says the relation (42P07) or its row type (42710) already exists,
      // or a catalog unique index was violated (23505).
      const code = (error as { code?: string }).code;
      if (code !== '42P07' && code !== '42710' && code !== '42P17' && code !== '23505') throw error;
    }
    cache.add(day);
  }
}

/** Forget cached partitions (after retention dropped some). */
export function forgetPartitions(db: Queryable, table: PartitionedTable, days: Iterable<number>): void {
  const cache = known.get(cacheKey(db, table));
  if (!cache) return;
  for (const day of days) cache.delete(day);
}

export async function listDayPartitions(db: Queryable, table: PartitionedTable): Promise<{ name: string; day: number }[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid
       JOIN pg_class p ON p.oid = i.inhparent
      WHERE p.relname = $1`,
    [table],
  );
  return rows
    .map((r) => ({ name: r.name, day: dayFromPartitionName(r.name) }))
    .filter((r): r is { name: string; day: number } => r.day !== null)
    .sort((a, b) => a.day - b.day);
}
