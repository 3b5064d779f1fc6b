// Jaeger UI 2.20's v3 query client (packages/jaeger-ui/src/api/v3/client.ts: fetchServices, fetchSpanNames,
// fetchTraceSummaries; schemas.ts for the fields it validates) and the trace view's GET /api/traces/{id},
// against the built app under /jaeger over real HTTP and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { otlpJsonFromSpans } from '@/test/support/otlp-json-from-spans';
import { grafanaTraces, TRACE_A, TRACE_B } from './grafana-traces';

let db: TestDatabase;
let app: AppServer;
const BASE_NS = (BigInt(Date.now()) - 600_000n) * 1_000_000n;

async function getJson<T>(path: string, status = 200): Promise<T> {
  const res = await app.fetch(`${app.url}${path}`);
  expect(res.status, await res.clone().text()).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  return (await res.json()) as T;
}

beforeAll(async () => {
  db = await createTestDatabase('th_graf_jaeger');
  app = await startAppServer({ DATABASE_URL: db.url });
  const sent = await app.fetch(`${app.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: otlpJsonFromSpans(grafanaTraces(BASE_NS)) });
  expect(sent.status).toBe(200);
  for (let i = 0; i < 100; i++) {
    const res = await app.fetch(`${app.url}/api/traces/${TRACE_A}`);
    if (res.status === 200 && ((await res.json()) as { spans: unknown[] }).spans.length === 5) break;
    await new Promise((r) => setTimeout(r, 100));
  }
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

interface Summary {
  traceId: string;
  traceID: string;
  rootServiceName: string;
  rootOperationName: string;
  minStartTimeUnixNano: string;
  maxEndTimeUnixNano: string;
  spanCount: number;
  errorSpanCount: number;
  orphanSpanCount: number;
  services: { name: string; spanCount: number; errorSpanCount: number }[];
}

describe('Jaeger UI 2.20 v3 client', () => {
  it('loads services ({services}) and span names ({operations: [{name, spanKind}]})', async () => {
    expect(await getJson<{ services: string[] }>('/jaeger/api/v3/services')).toEqual({ services: ['frontend', 'payments'] });
    const ops = await getJson<{ operations: { name: string; spanKind: string }[] }>(`/jaeger/api/v3/operations?service=${encodeURIComponent('payments')}`);
    expect(ops.operations).toEqual([
      { name: 'charge', spanKind: 'server' },
      { name: 'db.query', spanKind: 'client' },
      { name: 'retry', spanKind: 'internal' },
    ]);
    const servers = await getJson<{ operations: unknown[] }>('/jaeger/api/v3/operations?service=payments&span_kind=client');
    expect(servers.operations).toEqual([{ name: 'db.query', spanKind: 'client' }]);
  });

  it('searches trace summaries with the parameters fetchTraceSummaries sends', async () => {
    // start/end: the UI's microsecond URL params turned into ISO strings; tags: the UI's logfmt text.
    const params = new URLSearchParams({
      'query.service_name': 'payments',
      'query.span_name': 'charge',
      'query.start_time_min': new Date(Number(BASE_NS / 1_000_000n) - 60_000).toISOString(),
      'query.start_time_max': new Date(Number(BASE_NS / 1_000_000n) + 60_000).toISOString(),
      'query.num_traces': '20',
      'query.duration_min': '10ms',
      'query.attributes': 'http.status_code=500',
    });
    const body = await getJson<{ summaries: Summary[] }>(`/jaeger/api/v3/trace-summaries?${params}`);
    expect(body.summaries).toHaveLength(1);
    const s = body.summaries[0]!;
    expect(s.traceId).toBe(TRACE_A);
    expect(s.traceID).toBe(TRACE_A);
    expect(s.rootServiceName).toBe('frontend');
    expect(s.rootOperationName).toBe('GET /checkout');
    expect(s.minStartTimeUnixNano).toBe(BASE_NS.toString());
    // The UI computes duration = (maxEnd - minStart) / 1000 µs.
    expect((BigInt(s.maxEndTimeUnixNano) - BigInt(s.minStartTimeUnixNano)) / 1000n).toBe(40_000n);
    expect([s.spanCount, s.errorSpanCount, s.orphanSpanCount]).toEqual([5, 1, 1]);
    expect(s.services).toEqual([
      { name: 'frontend', spanCount: 2, errorSpanCount: 0 },
      { name: 'payments', spanCount: 3, errorSpanCount: 1 },
    ]);
  });

  it('filters by duration and answers an empty list, and a missing service with a 400', async () => {
    const none = await getJson<{ summaries: Summary[] }>(
      '/jaeger/api/v3/trace-summaries?query.service_name=frontend&query.duration_min=1s&query.start_time_min=' + new Date(Date.now() - 3_600_000).toISOString(),
    );
    expect(none.summaries).toEqual([]);
    const all = await getJson<{ summaries: Summary[] }>('/jaeger/api/v3/trace-summaries?query.service_name=frontend&query.start_time_min=' + new Date(Date.now() - 3_600_000).toISOString());
    expect(all.summaries.map((x) => x.traceId)).toEqual([TRACE_B, TRACE_A]);
    const bad = await getJson<{ errors: { code: number; msg: string }[] }>('/jaeger/api/v3/trace-summaries', 400);
    expect(bad.errors[0]!.msg).toContain('query.service_name');
  });

  it('returns a trace as {result: TracesData} with hex ids and decimal-string times', async () => {
    const body = await getJson<{
      result: {
        resourceSpans: {
          resource: { attributes: { key: string }[] };
          scopeSpans: { spans: { traceId: string; spanId: string; parentSpanId?: string; startTimeUnixNano: string; kind: number; status: { code: number } }[] }[];
        }[];
      };
    }>(`/jaeger/api/v3/traces/${TRACE_A}`);
    const spans = body.result.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    expect(spans).toHaveLength(5);
    expect(spans.every((s) => /^[0-9a-f]{32}$/.test(s.traceId) && /^[0-9a-f]{16}$/.test(s.spanId) && /^\d+$/.test(s.startTimeUnixNano))).toBe(true);
    expect(spans.find((s) => s.spanId === '0000000000000a03')).toMatchObject({ parentSpanId: '0000000000000a02', kind: 2, status: { code: 2 } });
    await getJson(`/jaeger/api/v3/traces/${'f'.repeat(32)}`, 404);
  });
});

describe('Jaeger API edges', () => {
  it("answers unknown /jaeger/api paths in Jaeger's JSON error shape", async () => {
    const body = await getJson<{ data: null; errors: { code: number; msg: string }[] }>('/jaeger/api/v3/no-such-thing', 404);
    expect(body.data).toBeNull();
    expect(body.errors[0]).toMatchObject({ code: 404 });
    expect(body.errors[0]!.msg).toContain('/jaeger/api/v3/no-such-thing');
  });

  it("streams /jaeger/api/traces/{id} (chunked, no Content-Length) in Jaeger's envelope", async () => {
    const res = await app.fetch(`${app.url}/jaeger/api/traces/${TRACE_A}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBeNull();
    const body = (await res.json()) as {
      data: { traceID: string; spans: { spanID: string; processID: string; references: { spanID: string }[] }[]; processes: Record<string, { serviceName: string }> }[];
      errors: null;
    };
    expect(body.errors).toBeNull();
    const trace = body.data[0]!;
    expect(trace.traceID).toBe(TRACE_A);
    expect(trace.spans.map((s) => s.spanID)).toEqual(['0000000000000a01', '0000000000000a02', '0000000000000a03', '0000000000000a04', '0000000000000a05']);
    expect(trace.spans.map((s) => trace.processes[s.processID]!.serviceName)).toEqual(['frontend', 'frontend', 'payments', 'payments', 'payments']);
    expect(trace.spans[2]!.references).toEqual([{ refType: 'CHILD_OF', traceID: TRACE_A, spanID: '0000000000000a02' }]);
    expect((await app.fetch(`${app.url}/jaeger/api/traces/${'e'.repeat(32)}`)).status).toBe(404);
  });
});
