// Service map aggregation on real Postgres, exact and sampled (fixture: test/fixtures/search-traces.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TENANT, SpanKind, StatusCode } from '@/lib/domain/model/span';
import { openDatabase, type Database } from '@/lib/server/db/database';
import { writeSpans } from '@/lib/server/spans/write-spans';
import { searchFixture } from '@/test/fixtures/search-traces';
import { makeSpan } from '@/test/support/make-span';
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
    expect(map.nodes.map((n) => [n.service, n.spans, n.errors])).toEqual([
      ['auth', 1, 1],
      ['gateway', 4, 0],
      ['payment', 4, 2],
    ]);
    expect(map.edges.map((e) => [e.parent, e.child, e.calls, e.errors])).toEqual([
      ['auth', 'gateway', 1, 0],
      ['gateway', 'payment', 1, 1],
    ]);
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

  it('skips the Tracehound agent hop: the call through the agent is an edge caller → callee, and the agent no node', async () => {
    // An hour before the fixture's window:
    // gateway SERVER → gateway CLIENT → agent hop (tracehound.hop) → inventory SERVER ERROR
    //                 └ gateway CLIENT → agent hop (older data: service name only) → payment SERVER
    const t = base - 3_600_000_000_000n;
    const trace = 'e0000000000000000000000000000005';
    const at = (id: string, parent: string | null, service: string, kind: number, startMs: bigint, o: Partial<Parameters<typeof makeSpan>[0]> = {}) =>
      makeSpan({
        traceId: trace,
        spanId: id,
        parentSpanId: parent,
        serviceName: service,
        kind: kind as 1,
        name: `${service} op`,
        startTimeUnixNano: t + startMs * 1_000_000n,
        endTimeUnixNano: t + (startMs + 10n) * 1_000_000n,
        ...o,
      });
    await writeSpans(db.pool, [
      at('e000000000000001', null, 'gateway', SpanKind.SERVER, 0n),
      at('e000000000000002', 'e000000000000001', 'gateway', SpanKind.CLIENT, 1n),
      at('e000000000000003', 'e000000000000002', 'edge-proxy', SpanKind.INTERNAL, 2n, { attributes: { 'tracehound.hop': { boolValue: true } } }),
      at('e000000000000004', 'e000000000000003', 'inventory', SpanKind.SERVER, 3n, { statusCode: StatusCode.ERROR }),
      at('e000000000000005', 'e000000000000001', 'gateway', SpanKind.CLIENT, 4n),
      at('e000000000000006', 'e000000000000005', 'tracehound-agent', SpanKind.INTERNAL, 5n),
      at('e000000000000007', 'e000000000000006', 'payment', SpanKind.SERVER, 6n),
    ]);
    const map = await buildServiceMap(db.pool, { tenant: DEFAULT_TENANT, fromNs: t - 1_000_000_000n, toNs: t + 1_000_000_000n });
    expect(map.edges.map((e) => [e.parent, e.child, e.calls, e.errors])).toEqual([
      ['gateway', 'inventory', 1, 1],
      ['gateway', 'payment', 1, 0],
    ]);
    expect(map.nodes.map((n) => n.service)).toEqual(['gateway', 'inventory', 'payment']);
  });
});
