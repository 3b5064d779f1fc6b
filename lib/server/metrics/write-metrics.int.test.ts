import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricPoint } from '@/lib/domain/metrics/metric-point';
import { openDatabase, type Database } from '../db/database';
import { listDayPartitions, NS_PER_DAY } from '../db/partitions';
import { runRetention } from '../db/retention';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { getMetricSeries } from './read-metrics';
import { writeMetrics } from './write-metrics';

function point(timeUnixNano: bigint, value: number, attrs: Record<string, string> = {}): MetricPoint {
  return {
    tenant: 'default',
    serviceName: 'svc',
    name: 'm',
    kind: 'gauge',
    unit: '1',
    description: '',
    temporality: 0,
    monotonic: false,
    timeUnixNano,
    startTimeUnixNano: 0n,
    value,
    data: null,
    exemplars: [],
    attributes: Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, { stringValue: v }])),
  };
}

describe('writeMetrics on a real PostgreSQL server', () => {
  let testDb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = await openDatabase({ DATABASE_URL: testDb.url, TRACEHOUND_DATA_DIR: '.data', DB_POOL_SIZE: 2 });
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  it('stores a point once per series and time, NaN and Infinity included, in day partitions that retention drops', async () => {
    const now = Date.now();
    const nowNs = BigInt(now) * 1_000_000n;
    const oldNs = BigInt(now - 10 * 86_400_000) * 1_000_000n;
    const batch = [point(nowNs, 1.5, { a: '1' }), point(nowNs, Number.NaN, { a: '2' }), point(nowNs + 1n, Number.POSITIVE_INFINITY, { a: '2' }), point(oldNs, 9)];
    await writeMetrics(db.pool, batch);
    await writeMetrics(db.pool, batch); // re-delivery
    const window = { tenant: 'default', service: 'svc', fromUnixNano: nowNs - 60_000_000_000n, toUnixNano: nowNs + 60_000_000_000n };
    const { series } = await getMetricSeries(db.pool, window, 'm');
    expect(series.map((s) => [s.attributes, s.points.map((p) => p.value)])).toEqual([
      [{ a: { stringValue: '1' } }, [1.5]],
      [{ a: { stringValue: '2' } }, [Number.NaN, Number.POSITIVE_INFINITY]],
    ]);
    const oldDay = Number(oldNs / NS_PER_DAY);
    expect((await listDayPartitions(db.pool, 'metric_points')).map((p) => p.day)).toContain(oldDay);
    const result = await runRetention(db.pool, 7, now);
    expect(result.droppedPartitions.some((n) => n.startsWith('metric_points_d'))).toBe(true);
    expect((await listDayPartitions(db.pool, 'metric_points')).map((p) => p.day)).not.toContain(oldDay);
    const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM metric_points');
    expect(rows[0]!.n).toBe(3);
  });
});
