// Service map aggregation on real Postgres, exact and sampled (fixture: test/fixtures/search-traces.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TENANT } from '@/lib/domain/model/span';
import { openDatabase, type Database } from '@/lib/server/db/database';
import { writeSpans } from '@/lib/server/spans/write-spans';
import { searchFixture } from '@/test/fixtures/search-traces';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { buildServiceMap } from './build-service-map';
import { chooseSample } from './sample-traces';
import { serviceEdges } from './service-graph';
import { serviceAggregates } from './service-aggregates';
import { serviceStatsFrom } from './service-stats';

let testDb: TestDatabase;
let db: Database;
const base = (BigInt(Date.now()) - 600_000n) * 1_000_000n;
const window = { tenant: DEFAULT_TENANT, fromNs: base - 60_000_000_000n, toNs: base + 60_000_000_000n };

beforeAll(async () => {
  testDb = await createTestDatabase('th_services');
  db = await openDatabase({ DATABASE_URL: testDb.url, TRACEHOUND_DATA_DIR: '.data', DB_POOL_SIZE: 2 });
  await writeSpans(db.pool, searchFixture(base));
});

afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

describe('service map', () => {
  it('aggregates every trace when the window is small', async () => {
    const map = await buildServiceMap(db.pool, window);
    expect(map.sampledFraction).toBe(1);
    expect(map.nodes.map((n) => [n.service, n.spans, n.errors])).toEqual([['auth', 1, 1], ['gateway', 4, 0], ['payment', 4, 2]]);
    expect(map.edges.map((e) => [e.parent, e.child, e.calls, e.errors])).toEqual([['auth', 'gateway', 1, 0], ['gateway', 'payment', 1, 1]]);
    expect(map.cycles).toEqual([]);
    // gateway's entry spans: a1 (200 ms, at +64 s of the 120 s window) and b1 (5 ms, at +63 s).
    const gateway = map.stats.find((s) => s.service === 'gateway');
    expect(gateway).toMatchObject({ requests: 2, errors: 0, p50Ns: '102500000' });
    expect(gateway?.sparkline.slice(15, 17)).toEqual([1, 1]);
    expect(gateway?.sparkline.reduce((a, b) => a + b)).toBe(2);
  });

  it('samples whole traces by trace id and scales counts when the window exceeds the budget', async () => {
    // 9 spans, budget 1 → below = floor(256 / 9) = 28; every fixture trace id ends in 0x01..0x04, so all are in.
    const sample = await chooseSample(db.pool, window, 1);
    expect(sample).toEqual({ below: 28 });
    const scale = (n: number) => Math.round((n * 256) / 28);
    expect((await serviceEdges(db.pool, window, sample)).map((e) => e.calls)).toEqual([scale(1), scale(1)]);
    const stats = serviceStatsFrom(await serviceAggregates(db.pool, window, sample), window, sample);
    expect(stats.find((s) => s.service === 'payment')).toMatchObject({ spans: scale(4), requests: scale(2), errors: scale(2) });
    // A sample that excludes every fixture trace (last byte < 1) sees nothing.
    expect(await serviceEdges(db.pool, window, { below: 1 })).toEqual([]);
  });
});
