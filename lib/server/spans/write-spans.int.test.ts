import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database';
import { runRetention } from '../db/retention';
import { listDayPartitions, NS_PER_DAY } from '../db/partitions';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { makeSpan } from '@/test/support/make-span';
import { writePreparedSpans, writeSpans } from './write-spans';
import { prepareSpanRows } from './prepared-span-rows';

describe('writeSpans on a real PostgreSQL server', () => {
  let testDb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = await openDatabase({ DATABASE_URL: testDb.url, TRACEHOUND_DATA_DIR: '.data', DB_POOL_SIZE: 4 });
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  const summary = async (traceId: string) =>
    (
      await db.pool.query(
        `SELECT root_service_name, root_span_name, start_time_unix_nano, end_time_unix_nano, duration_ns,
                span_count, error_count, services
           FROM trace_summaries WHERE trace_id = decode($1,'hex')`,
        [traceId],
      )
    ).rows[0];

  it('stores a re-delivered span once and keeps the summary exact across batches', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const t0 = BigInt(Date.now()) * 1_000_000n;
    //  gateway POST /orders [0, 100ms]
    //  ├── inventory reserve [10, 30ms]
    //  └── payment charge [40, 90ms]  (error)
    const child1 = makeSpan({
      traceId,
      spanId: 'b7ad6b7169203331',
      parentSpanId: '00f067aa0ba902b7',
      serviceName: 'inventory',
      name: 'reserve',
      startTimeUnixNano: t0 + 10_000_000n,
      endTimeUnixNano: t0 + 30_000_000n,
    });
    const child2 = makeSpan({
      traceId,
      spanId: 'c7ad6b7169203331',
      parentSpanId: '00f067aa0ba902b7',
      serviceName: 'payment',
      name: 'charge',
      statusCode: 2,
      startTimeUnixNano: t0 + 40_000_000n,
      endTimeUnixNano: t0 + 90_000_000n,
    });
    const root = makeSpan({ traceId, spanId: '00f067aa0ba902b7', serviceName: 'gateway', name: 'POST /orders', startTimeUnixNano: t0, endTimeUnixNano: t0 + 100_000_000n });

    // Children arrive before their root (normal with batching exporters).
    expect((await writeSpans(db.pool, [child1, child2])).inserted).toBe(2);
    let s = await summary(traceId);
    expect(s).toMatchObject({ root_service_name: null, span_count: 2, error_count: 1, services: ['inventory', 'payment'] });

    expect((await writeSpans(db.pool, [root, child1])).inserted).toBe(1);
    // Client retry of the whole batch: nothing new, and nothing conflicting (same content).
    const retry = await writeSpans(db.pool, [root, child1, child2]);
    expect(retry).toMatchObject({ inserted: 0 });
    expect(retry.conflicting.size).toBe(0);
    // The same identity with other content is not stored and is named as conflicting.
    const renamed = { ...child2, name: 'charge v2' };
    const conflict = await writeSpans(db.pool, [renamed]);
    expect(conflict.inserted).toBe(0);
    expect([...conflict.conflicting]).toEqual([renamed]);
    s = await summary(traceId);
    expect(s).toEqual({
      root_service_name: 'gateway',
      root_span_name: 'POST /orders',
      start_time_unix_nano: t0,
      end_time_unix_nano: t0 + 100_000_000n,
      duration_ns: 100_000_000n,
      span_count: 3,
      error_count: 1,
      services: ['gateway', 'inventory', 'payment'],
    });
    const rows = await db.pool.query("SELECT count(*)::int AS n FROM spans WHERE trace_id = decode($1,'hex')", [traceId]);
    expect(rows.rows[0].n).toBe(3);
  });

  it('keeps nanosecond precision of epoch timestamps', async () => {
    const start = 1_764_000_000_123_456_789n + BigInt(Date.now() - 1_764_000_000_000) * 1_000_000n;
    const span = makeSpan({ traceId: 'f'.repeat(31) + '1', spanId: 'e'.repeat(16), startTimeUnixNano: start, endTimeUnixNano: start + 1n });
    await writeSpans(db.pool, [span]);
    const { rows } = await db.pool.query("SELECT start_time_unix_nano, end_time_unix_nano FROM spans WHERE span_id = decode($1,'hex')", ['e'.repeat(16)]);
    expect(rows[0]).toEqual({ start_time_unix_nano: start, end_time_unix_nano: start + 1n });
  });

  it('concurrent writers of overlapping batches neither deadlock nor double count', async () => {
    const traceId = '1234567890abcdef1234567890abcdef';
    const t0 = BigInt(Date.now()) * 1_000_000n;
    const spans = Array.from({ length: 200 }, (_, i) =>
      makeSpan({ traceId, spanId: (i + 1).toString(16).padStart(16, '0'), startTimeUnixNano: t0 + BigInt(i), endTimeUnixNano: t0 + BigInt(i) + 10n }),
    );
    const batches = Array.from({ length: 8 }, (_, k) => spans.filter((_, i) => (i + k) % 3 !== 0).reverse());
    const results = await Promise.all(batches.map((b) => writeSpans(db.pool, b)));
    expect(results.reduce((a, r) => a + r.inserted, 0)).toBe(200);
    expect((await summary(traceId)).span_count).toBe(200);
  });

  it("writes several requests' prepared chunks in one statement: each row keeps its own chunk's resource, conflicts are counted per chunk", async () => {
    const traceId = '1d'.repeat(16);
    const t0 = BigInt(Date.now()) * 1_000_000n;
    const span = (spanId: string, serviceName: string, host: string, name = 'op') =>
      makeSpan({
        traceId,
        spanId,
        serviceName,
        name,
        startTimeUnixNano: t0,
        endTimeUnixNano: t0 + 1_000_000n,
        resourceAttributes: { 'service.name': { stringValue: serviceName }, 'host.name': { stringValue: host } },
        host: { id: null, name: host, ip: null, serviceInstanceId: null },
      });
    await writeSpans(db.pool, [span('00000000000000a1', 'first', 'h1')]);
    // Chunk 1: resource 0 is "first"; chunk 2: resource 0 is "second" (and 1 is "third"), one span a conflicting
    // duplicate of the stored one (same identity, other name).
    const chunks = [
      prepareSpanRows([span('00000000000000b1', 'first', 'h1')]),
      prepareSpanRows([span('00000000000000a1', 'first', 'h1', 'renamed'), span('00000000000000c1', 'second', 'h2'), span('00000000000000d1', 'third', 'h3')]),
    ];
    const result = await writePreparedSpans(db.pool, chunks);
    expect(result.inserted).toBe(3);
    expect(result.conflicts).toEqual([0, 1]);
    const { rows } = await db.pool.query(
      `SELECT encode(span_id, 'hex') AS span_id, service_name, host_name, resource_attributes->'host.name'->>'stringValue' AS resource_host, name
         FROM spans WHERE trace_id = decode($1, 'hex') ORDER BY span_id`,
      [traceId],
    );
    expect(rows).toEqual([
      { span_id: '00000000000000a1', service_name: 'first', host_name: 'h1', resource_host: 'h1', name: 'op' },
      { span_id: '00000000000000b1', service_name: 'first', host_name: 'h1', resource_host: 'h1', name: 'op' },
      { span_id: '00000000000000c1', service_name: 'second', host_name: 'h2', resource_host: 'h2', name: 'op' },
      { span_id: '00000000000000d1', service_name: 'third', host_name: 'h3', resource_host: 'h3', name: 'op' },
    ]);
    expect((await summary(traceId)).span_count).toBe(4);
  });

  it('retention drops whole day partitions older than the period and their summaries', async () => {
    const now = Date.now();
    const oldStart = BigInt(now - 10 * 86_400_000) * 1_000_000n;
    const oldTrace = 'd'.repeat(32);
    await writeSpans(db.pool, [makeSpan({ traceId: oldTrace, spanId: 'a'.repeat(16), startTimeUnixNano: oldStart, endTimeUnixNano: oldStart + 5n })]);
    const oldDay = Number(oldStart / NS_PER_DAY);
    expect((await listDayPartitions(db.pool, 'spans')).map((p) => p.day)).toContain(oldDay);
    const before = await db.pool.query('SELECT count(*)::int AS n FROM spans');

    const result = await runRetention(db.pool, 7, now);
    expect(result.droppedPartitions.some((name) => name.startsWith('spans_d'))).toBe(true);
    expect((await listDayPartitions(db.pool, 'spans')).map((p) => p.day)).not.toContain(oldDay);
    const after = await db.pool.query('SELECT count(*)::int AS n FROM spans');
    expect(after.rows[0].n).toBe(before.rows[0].n - 1);
    expect(await summary(oldTrace)).toBeUndefined();
    // Writing to that day again recreates the partition (the cache was told it was dropped).
    expect((await writeSpans(db.pool, [makeSpan({ traceId: oldTrace, spanId: 'b'.repeat(16), startTimeUnixNano: oldStart, endTimeUnixNano: oldStart + 5n })])).inserted).toBe(1);
  });
});
