// Partition DDL must not stall the tables' readers and writers (issue #19): the first span of a new day used
// to run CREATE TABLE ... PARTITION OF, whose ACCESS EXCLUSIVE lock on `spans` waited behind any open read,
// with every later query of spans queued behind it. Each write below runs with lock_timeout, so a write that
// waits for such a lock fails with 55P03 instead of hanging: the tests need no timing.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database';
import { ensureDayPartitions, listDayPartitions, NS_PER_DAY, partitionName } from './partitions';
import { runRetention } from './retention';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { makeSpan } from '@/test/support/make-span';
import { writeSpans } from '../spans/write-spans';

describe('day partitions while the table is being read', () => {
  let testDb: TestDatabase;
  let db: Database;
  let reader: pg.Client;
  let impatient: pg.Pool;
  beforeAll(async () => {
    testDb = await createTestDatabase('th_partition_locks');
    db = await openDatabase({ DATABASE_URL: testDb.url, TRACEHOUND_DATA_DIR: '.data', DB_POOL_SIZE: 2 });
    reader = new pg.Client({ connectionString: testDb.url });
    await reader.connect();
    // Fails any statement that waits more than a second for a lock.
    impatient = new pg.Pool({ connectionString: testDb.url, max: 2, options: '-c lock_timeout=1000' });
  });
  afterAll(async () => {
    await reader?.end();
    await impatient?.end();
    await db?.close();
    await testDb?.drop();
  });

  /** Runs `work` while another session holds an open transaction that has read `spans`. */
  async function whileSpansAreRead<T>(work: () => Promise<T>): Promise<T> {
    await reader.query('BEGIN');
    try {
      await reader.query('SELECT count(*) FROM spans');
      return await work();
    } finally {
      await reader.query('COMMIT');
    }
  }

  it("the first span of a day with no partition is stored while a read transaction is open, and others' reads go on", async () => {
    const now = BigInt(Date.now()) * 1_000_000n;
    await writeSpans(impatient, [makeSpan({ traceId: '1'.repeat(32), spanId: '1'.repeat(16), startTimeUnixNano: now, endTimeUnixNano: now + 5n })]);
    // Three days ago: no partition exists for it yet.
    const start = now - 3n * NS_PER_DAY;
    const day = Number(start / NS_PER_DAY);
    expect((await listDayPartitions(db.pool, 'spans')).map((p) => p.day)).not.toContain(day);
    const written = await whileSpansAreRead(async () => {
      const result = await writeSpans(impatient, [makeSpan({ traceId: '2'.repeat(32), spanId: '2'.repeat(16), startTimeUnixNano: start, endTimeUnixNano: start + 5n })]);
      const { rows } = await impatient.query<{ n: number }>('SELECT count(*)::int AS n FROM spans');
      return { inserted: result.inserted, visible: rows[0]!.n };
    });
    expect(written).toEqual({ inserted: 1, visible: 2 });
    expect((await listDayPartitions(db.pool, 'spans')).map((p) => p.day)).toContain(day);
    // The attached partition has the parent's indexes (the primary key among them).
    const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_index WHERE indrelid = to_regclass($1) AND indisprimary', [partitionName('spans', day)]);
    expect(rows[0]!.n).toBe(1);
  });

  it("retention creates today's and tomorrow's partitions ahead of the writers", async () => {
    const nowMs = Date.now();
    const today = Math.floor(nowMs / 86_400_000);
    await runRetention(db.pool, 7, nowMs);
    const days = new Set((await listDayPartitions(db.pool, 'spans')).map((p) => p.day));
    expect(days.has(today) && days.has(today + 1)).toBe(true);
    expect((await listDayPartitions(db.pool, 'logs')).map((p) => p.day)).toContain(today + 1);
    expect((await listDayPartitions(db.pool, 'metric_points')).map((p) => p.day)).toContain(today + 1);
  });

  it("concurrent creators of one day's partition (retention and writers on other pools) all succeed", async () => {
    // Each pool has its own cache of known partitions, so all three issue the DDL; the loser of the race gets
    // 42P07, 42710 or 23505 depending on where they collide (42710, the row type, once failed a Loki push in CI).
    const today = Math.floor(Date.now() / 86_400_000);
    const days = Array.from({ length: 12 }, (_, k) => today - 20 - k);
    for (const day of days) {
      const outcomes = await Promise.allSettled([db.pool, db.ingestPool, db.backgroundPool].map((pool) => ensureDayPartitions(pool, 'logs', [day])));
      expect(outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
    }
    const stored = new Set((await listDayPartitions(db.pool, 'logs')).map((p) => p.day));
    expect(days.every((day) => stored.has(day))).toBe(true);
  });

  it('retention defers a drop it cannot lock while a read is open, and drops it on the next run', async () => {
    const nowMs = Date.now();
    const old = BigInt(nowMs - 10 * 86_400_000) * 1_000_000n;
    const oldDay = Number(old / NS_PER_DAY);
    await writeSpans(db.pool, [makeSpan({ traceId: '3'.repeat(32), spanId: '3'.repeat(16), startTimeUnixNano: old, endTimeUnixNano: old + 5n })]);
    const deferred = await whileSpansAreRead(() => runRetention(db.pool, 7, nowMs));
    expect(deferred.deferredPartitions.filter((name) => name.startsWith('spans_d'))).toHaveLength(1);
    expect((await listDayPartitions(db.pool, 'spans')).map((p) => p.day)).toContain(oldDay);
    const later = await runRetention(db.pool, 7, nowMs);
    expect(later.deferredPartitions).toEqual([]);
    expect((await listDayPartitions(db.pool, 'spans')).map((p) => p.day)).not.toContain(oldDay);
  });
});
