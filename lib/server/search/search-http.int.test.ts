// Search, Jaeger and services APIs over real HTTP (the built app via `next start`) on real Postgres.
// Data: the four traces of test/fixtures/search-traces.ts plus trace E (payment → gateway), which closes the
// cycle gateway → payment → gateway in the service graph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpanKind } from '@/lib/domain/model/span';
import type { JaegerResponse, JaegerTrace } from '@/lib/domain/jaeger/jaeger-types';
import type { ServiceMap } from '@/lib/domain/services/service-map';
import { openDatabase, type Database } from '@/lib/server/db/database';
import { writeSpans } from '@/lib/server/spans/write-spans';
import { SPAN, TRACE, searchFixture } from '@/test/fixtures/search-traces';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { makeSpan } from '@/test/support/make-span';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';

const TRACE_E = 'e0000000000000000000000000000005';
const base = (BigInt(Date.now()) - 600_000n) * 1_000_000n;
const from = (base - 60_000_000_000n).toString();
const to = new Date(Number((base + 60_000_000_000n) / 1_000_000n)).toISOString();

let testDb: TestDatabase;
let db: Database;
let app: AppServer;

beforeAll(async () => {
  testDb = await createTestDatabase('th_search_http');
  db = await openDatabase({ DATABASE_URL: testDb.url, TRACEHOUND_DATA_DIR: '.data', DB_POOL_SIZE: 2 });
  const e1 = makeSpan({
    traceId: TRACE_E,
    spanId: 'e000000000000001',
    serviceName: 'payment',
    name: 'refund',
    kind: SpanKind.SERVER,
    startTimeUnixNano: base + 500_000_000n,
    endTimeUnixNano: base + 600_000_000n,
  });
  const e2 = makeSpan({
    traceId: TRACE_E,
    spanId: 'e000000000000002',
    parentSpanId: 'e000000000000001',
    serviceName: 'gateway',
    name: 'callback',
    kind: SpanKind.SERVER,
    startTimeUnixNano: base + 510_000_000n,
    endTimeUnixNano: base + 520_000_000n,
  });
  await writeSpans(db.pool, [...searchFixture(base), e1, e2]);
  app = await startAppServer({ DATABASE_URL: testDb.url });
});

afterAll(async () => {
  await app?.stop();
  await db?.close();
  await testDb?.drop();
});

async function get<T>(path: string, params: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const res = await app.fetch(`${app.url}${path}${Object.keys(params).length ? `?${new URLSearchParams(params)}` : ''}`);
  return { status: res.status, body: (await res.json()) as T };
}

interface SearchBody {
  traces: Array<{ traceId: string; matchedSpanIds: string[]; spanCount: number; services: string[] }>;
  nextCursor: string | null;
}
interface ErrorBody {
  error: { code: string; message: string; position?: number; field?: string };
}

describe('GET /api/search', () => {
  it.each<[string, string[]]>([
    ['{ status = error }', [TRACE.A, TRACE.C, TRACE.D]],
    ['{ duration > 1s }', [TRACE.C]],
    ['{ resource.service.name = "payment" && status = error }', [TRACE.A, TRACE.C]],
    ['{ resource.service.name = "gateway" } >> { status = error }', [TRACE.A]],
    ['{ resource.service.name = "payment" } > { resource.service.name = "gateway" }', [TRACE_E]],
    ['{ traceDuration > 1s } || { span.http.route = "/health" }', [TRACE.B, TRACE.C]],
  ])('%s', async (q, expected) => {
    const { status, body } = await get<SearchBody>('/api/search', { q, from, to });
    expect(status).toBe(200);
    expect(body.traces.map((t) => t.traceId)).toEqual(expected);
  });

  it('returns matched span ids and pages with nextCursor', async () => {
    const first = await get<SearchBody>('/api/search', { q: '{ status = error }', from, to, limit: '2' });
    expect(first.body.traces.map((t) => [t.traceId, t.matchedSpanIds])).toEqual([
      [TRACE.A, [SPAN.a3]],
      [TRACE.C, [SPAN.c1]],
    ]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await get<SearchBody>('/api/search', { q: '{ status = error }', from, to, limit: '2', cursor: first.body.nextCursor as string });
    expect(second.body.traces.map((t) => t.traceId)).toEqual([TRACE.D]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('sorts on the server across pages and refuses a cursor of another order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const { status, body }: { status: number; body: SearchBody } = await get<SearchBody>('/api/search', {
        q: '{ }',
        from,
        to,
        limit: '2',
        sort: 'duration',
        order: 'asc',
        ...(cursor ? { cursor } : ({} as Record<string, string>)),
      });
      expect(status).toBe(200);
      seen.push(...body.traces.map((t) => t.traceId));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    // Durations: B 5 ms, D 30 ms, E 100 ms, A 200 ms, C 2 s.
    expect(seen).toEqual([TRACE.B, TRACE.D, TRACE_E, TRACE.A, TRACE.C]);
    const first = await get<SearchBody>('/api/search', { q: '{ }', from, to, limit: '2', sort: 'spans' });
    const mixed = await get<ErrorBody>('/api/search', { q: '{ }', from, to, limit: '2', sort: 'errors', cursor: first.body.nextCursor as string });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error).toMatchObject({ field: 'cursor', message: expect.stringMatching(/another sort order/) });
    const badSort = await get<ErrorBody>('/api/search', { q: '{ }', sort: 'root' });
    expect(badSort.status).toBe(400);
    expect(badSort.body.error).toMatchObject({ field: 'sort', message: 'sort must be one of start, duration, spans, errors' });
    expect((await get<ErrorBody>('/api/search', { q: '{ }', order: 'up' })).body.error.field).toBe('order');
  });

  it('defaults to the last hour', async () => {
    const { body } = await get<SearchBody>('/api/search', { q: '{ }' });
    expect(body.traces).toHaveLength(5);
  });

  it.each<[string, string, number]>([
    ['semicolon', '{ status = error }; DROP TABLE spans', 18],
    ['comment', '{ status = error } -- x', 19],
    ['single quotes', "{ name = 'x' }", 9],
    ['unterminated string', '{ name = "x }', 13],
    ['missing value', '{ status = }', 11],
    ['huge input', `{ name = "${'x'.repeat(10_000)}" }`, 4000],
  ])('rejects %s with a positioned 400', async (_label, q, position) => {
    const { status, body } = await get<ErrorBody>('/api/search', { q, from, to });
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.position).toBe(position);
    expect(body.error.message).toContain(`at position ${position}`);
  });

  it('rejects bad parameters by name', async () => {
    expect((await get<ErrorBody>('/api/search', { q: '{ }', limit: '0' })).body.error.field).toBe('limit');
    expect((await get<ErrorBody>('/api/search', { q: '{ }', from: 'yesterday' })).body.error.field).toBe('from');
    expect((await get<ErrorBody>('/api/search', { q: '{ }', cursor: 'bm9wZQ' })).body.error.field).toBe('cursor');
    // The stored data survived every hostile query.
    expect((await get<SearchBody>('/api/search', { q: '{ }', from, to })).body.traces).toHaveLength(5);
  });
});

describe('Jaeger query API', () => {
  const startUs = (base / 1000n - 60_000_000n).toString();
  const endUs = (base / 1000n + 60_000_000n).toString();

  it('lists services and operations', async () => {
    expect((await get<JaegerResponse<string[]>>('/jaeger/api/services')).body.data).toEqual(['auth', 'gateway', 'payment']);
    expect((await get<JaegerResponse<string[]>>('/jaeger/api/services/payment/operations')).body.data).toEqual(['charge', 'db.query', 'refund']);
    const ops = await get<JaegerResponse<Array<{ name: string; spanKind: string }>>>('/jaeger/api/operations', { service: 'payment', spanKind: 'client' });
    expect(ops.body.data).toEqual([{ name: 'db.query', spanKind: 'client' }]);
  });

  it('searches by service, operation, tags and duration', async () => {
    const ids = async (params: Record<string, string>) => (await get<JaegerResponse<JaegerTrace[]>>('/jaeger/api/traces', { start: startUs, end: endUs, ...params })).body.data.map((t) => t.traceID);
    expect(await ids({ service: 'payment' })).toEqual([TRACE.A, TRACE.C, TRACE_E]);
    expect(await ids({ service: 'payment', operation: 'charge', tags: '{"http.status_code":"503"}' })).toEqual([TRACE.C]);
    expect(await ids({ service: 'gateway', tags: 'http.route=/health' })).toEqual([TRACE.B]);
    expect(await ids({ service: 'payment', tags: '{"error":"true"}' })).toEqual([TRACE.A, TRACE.C]);
    expect(await ids({ service: 'payment', minDuration: '1s' })).toEqual([TRACE.C]);
    expect(await ids({ service: 'payment', maxDuration: '60ms' })).toEqual([TRACE.A]);
    expect(await ids({ service: 'payment', limit: '1' })).toEqual([TRACE.A]);
  });

  it('returns a trace in Jaeger shape and 404s unknown ones', async () => {
    const { status, body } = await get<JaegerResponse<JaegerTrace[]>>(`/jaeger/api/traces/${TRACE.A}`);
    expect(status).toBe(200);
    const trace = body.data[0] as JaegerTrace;
    expect(trace.spans).toHaveLength(4);
    const a3 = trace.spans.find((s) => s.spanID === SPAN.a3);
    expect(a3).toMatchObject({ operationName: 'charge', references: [{ refType: 'CHILD_OF', traceID: TRACE.A, spanID: SPAN.a2 }], duration: 120_000 });
    expect(a3?.startTime).toBe(Number((base + 4_020_000_000n) / 1000n));
    expect(trace.processes[a3?.processID as string]).toMatchObject({ serviceName: 'payment' });
    const missing = await get<JaegerResponse<null>>('/jaeger/api/traces/ffffffffffffffffffffffffffffffff');
    expect(missing.status).toBe(404);
    expect(missing.body.errors?.[0]?.code).toBe(404);
    expect((await get<JaegerResponse<null>>('/jaeger/api/traces', { tags: '{}' })).status).toBe(400);
    const res = await app.fetch(`${app.url}/jaeger/api/traces?traceID=${TRACE.B}&traceID=${TRACE.D.slice(16)}&traceID=${TRACE.C}`);
    const several = (await res.json()) as JaegerResponse<JaegerTrace[]>;
    // D's id shortened to 16 hex is left-padded, so it names a different (absent) trace.
    expect(several.data.map((t) => t.traceID)).toEqual([TRACE.B, TRACE.C]);
  });

  it('reports dependencies', async () => {
    const { body } = await get<JaegerResponse<Array<{ parent: string; child: string; callCount: number }>>>('/jaeger/api/dependencies', {
      endTs: String(Date.now()),
      lookback: '3600000',
    });
    expect(body.data).toEqual([
      { parent: 'auth', child: 'gateway', callCount: 1 },
      { parent: 'gateway', child: 'payment', callCount: 1 },
      { parent: 'payment', child: 'gateway', callCount: 1 },
    ]);
  });
});

describe('GET /api/services', () => {
  it('returns the graph with edge stats, the cycle and per-service stats', async () => {
    const { status, body } = await get<ServiceMap>('/api/services', { from, to });
    expect(status).toBe(200);
    expect(body.nodes.map((n) => [n.service, n.spans, n.inCycle])).toEqual([
      ['auth', 1, false],
      ['gateway', 5, true],
      ['payment', 5, true],
    ]);
    expect(body.edges.find((e) => e.parent === 'gateway' && e.child === 'payment')).toEqual({
      parent: 'gateway',
      child: 'payment',
      calls: 1,
      errors: 1,
      p50Ns: '120000000',
      p99Ns: '120000000',
      inCycle: true,
    });
    expect(body.edges.find((e) => e.parent === 'auth')?.inCycle).toBe(false);
    expect(body.cycles).toEqual([['gateway', 'payment', 'gateway']]);
    expect(body.cycleGroups).toEqual([['gateway', 'payment']]);
    const payment = body.stats.find((s) => s.service === 'payment');
    // Entry spans of payment: a3 (server, error), c1 (server, error, 2 s), e1 (root, 100 ms).
    expect(payment).toMatchObject({ requests: 3, errors: 2, p50Ns: '120000000' });
    expect(payment?.sparkline.reduce((a, b) => a + b, 0)).toBe(3);
  });
});
