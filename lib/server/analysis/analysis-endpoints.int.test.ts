// The system-wide analyses over a real PostgreSQL database: spans written by the real writer, read back by
// time window, turned into the skew table and the dependency graph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database';
import { writeSpans } from '../spans/write-spans';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { generateTrace } from '@/test/support/generate-trace';
import { makeSpan } from '@/test/support/make-span';
import { DEFAULT_TENANT, SpanKind } from '@/lib/domain/model/span';
import { getSkewTable } from './get-skew-table';
import { getDependencies } from './get-dependencies';
import { estimateHostOffsets } from '@/lib/domain/analysis/estimate-host-offsets';
import { readClientServerBounds } from './read-client-server-bounds';
import { readWindowSpans } from './read-window-spans';

describe('skew table and dependency graph from stored spans', () => {
  let testDb: TestDatabase;
  let db: Database;
  const generated = [0, 1, 2].map((t) => generateTrace(800, 5, t, 6));
  const truth = generated[0]!.hostOffsetNs;
  const t0 = generated[0]!.spans[0]!.startTimeUnixNano;
  const window = { fromUnixNano: t0 - 10_000_000_000n, toUnixNano: t0 + 60_000_000_000n };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = await openDatabase({ DATABASE_URL: testDb.url, TRACEHOUND_DATA_DIR: '.data', DB_POOL_SIZE: 4 });
    for (const g of generated) await writeSpans(db.pool, g.spans);
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it('reads the window back with exact nanosecond times and ids', async () => {
    const { spans, truncated } = await readWindowSpans(db.pool, DEFAULT_TENANT, window);
    expect(truncated).toBe(false);
    expect(spans).toHaveLength(2400);
    const original = generated[0]!.spans[5]!;
    const read = spans.find((s) => s.traceId === original.traceId && s.spanId === original.spanId)!;
    expect(read.startTimeUnixNano).toBe(original.startTimeUnixNano);
    expect(read.parentSpanId).toBe(original.parentSpanId);
    expect(read.host.name).toBe(original.host.name);
    expect((await readWindowSpans(db.pool, DEFAULT_TENANT, window, 100)).truncated).toBe(true);
  });

  it('estimates host offsets whose intervals contain the injected truth', async () => {
    const table = await getSkewTable(db.pool, DEFAULT_TENANT, window, 50);
    expect(table.hosts.length).toBeGreaterThan(5);
    for (const h of table.hosts) {
      const expected = truth.get(h.host.replace('host.name:', ''))! - truth.get(h.referenceHost.replace('host.name:', ''))!;
      expect(h.consistent).toBe(true);
      expect(Math.abs(Number(h.offsetNs) - expected)).toBeLessThanOrEqual(Number(h.errorBoundNs) + 1);
      expect(h.exceedsThreshold).toBe(Math.abs(Number(h.offsetNs)) - Number(h.errorBoundNs) > 50e6);
    }
  });

  it('the pairs combined by Postgres give exactly the estimates of the spans they come from', async () => {
    const { spans } = await readWindowSpans(db.pool, DEFAULT_TENANT, window);
    const fromSpans = estimateHostOffsets(spans);
    const clients = new Set(spans.filter((x) => x.kind === SpanKind.CLIENT).map((x) => `${x.traceId}/${x.spanId}`));
    const pairs = spans.filter((x) => x.kind === SpanKind.SERVER && clients.has(`${x.traceId}/${x.parentSpanId}`));
    expect(pairs.length).toBeGreaterThan(100);
    const groups = await readClientServerBounds(db.pool, DEFAULT_TENANT, window);
    expect(groups.reduce((n, g) => n + g.samples, 0)).toBe(pairs.length);
    const table = await getSkewTable(db.pool, DEFAULT_TENANT, window, 50);
    expect(table.sampleCount).toBe(pairs.length);
    expect(table.hosts.map((h) => [h.host, h.referenceHost, h.offsetNs, h.errorBoundNs, h.samples, h.consistent])).toEqual(
      fromSpans.map((o) => [o.host, o.referenceHost, String(o.offsetNs), String(o.errorBoundNs), o.samples, o.consistent]),
    );
  });

  it('builds the dependency graph with per-edge statistics', async () => {
    const deps = await getDependencies(db.pool, DEFAULT_TENANT, window);
    expect(deps.spanCount).toBe(2400);
    expect(deps.services.length).toBe(6);
    const calls = deps.edges.reduce((n, e) => n + e.callCount, 0);
    expect(calls).toBeGreaterThan(100);
    for (const e of deps.edges) expect(BigInt(e.p99Ns)).toBeGreaterThanOrEqual(BigInt(e.p50Ns));
    // services call each other at random in the generator: they form one cycle
    expect(deps.cycles.length).toBeGreaterThan(0);
  });

  it("pairs a CLIENT with its SERVER across the Tracehound agent's hop span, as estimateHostOffsets does", async () => {
    // An hour after the generated traces, 5 calls gw → (agent hop) → pay, pay's clock 300 ms ahead:
    // gw CLIENT [0 ─ 40] └── agent hop [2 ─ 38] └── pay SERVER [305 ─ 335]
    const at = t0 + 3_600_000_000_000n;
    const ms = 1_000_000n;
    const spans = [0, 1, 2, 3, 4].flatMap((k) => {
      const traceId = `f${String(k).padStart(31, '0')}`;
      const base = at + BigInt(k) * 100n * ms;
      const common = { traceId, statusCode: 0 as const, statusMessage: '' };
      return [
        makeSpan({
          ...common,
          spanId: 'f000000000000001',
          parentSpanId: null,
          serviceName: 'gw',
          kind: SpanKind.CLIENT,
          name: 'call',
          startTimeUnixNano: base,
          endTimeUnixNano: base + 40n * ms,
          host: { id: null, name: 'gw-host', ip: null, serviceInstanceId: null },
        }),
        makeSpan({
          ...common,
          spanId: 'f000000000000002',
          parentSpanId: 'f000000000000001',
          serviceName: 'tracehound-agent',
          kind: SpanKind.INTERNAL,
          name: 'POST pay',
          startTimeUnixNano: base + 2n * ms,
          endTimeUnixNano: base + 38n * ms,
          host: { id: null, name: null, ip: null, serviceInstanceId: 'demo-agent' },
        }),
        makeSpan({
          ...common,
          spanId: 'f000000000000003',
          parentSpanId: 'f000000000000002',
          serviceName: 'pay',
          kind: SpanKind.SERVER,
          name: 'pay',
          startTimeUnixNano: base + 305n * ms,
          endTimeUnixNano: base + 335n * ms,
          host: { id: null, name: 'pay-host', ip: null, serviceInstanceId: null },
        }),
      ];
    });
    await writeSpans(db.pool, spans);
    const hopWindow = { fromUnixNano: at - 1_000_000_000n, toUnixNano: at + 10_000_000_000n };
    const groups = await readClientServerBounds(db.pool, DEFAULT_TENANT, hopWindow);
    expect(groups.map((g) => [g.clientService, g.serverService, g.samples])).toEqual([['gw', 'pay', 5]]);
    const table = await getSkewTable(db.pool, DEFAULT_TENANT, hopWindow, 50);
    const fromSpans = estimateHostOffsets(spans);
    expect(fromSpans).toHaveLength(1);
    expect(table.hosts.map((h) => [h.host, h.referenceHost, h.offsetNs, h.errorBoundNs, h.samples])).toEqual(
      fromSpans.map((o) => [o.host, o.referenceHost, String(o.offsetNs), String(o.errorBoundNs), o.samples]),
    );
  });
});
