// Grafana's Tempo data source (Grafana 11.x / 12.x, public/app/plugins/datasource/tempo and pkg/tsdb/tempo)
// against the built app under /tempo over real HTTP and PostgreSQL: "Save & test" (GET /api/echo), the
// version probe (/api/status/buildinfo), TraceQL search (/api/search?q=&limit=&spss=&start=&end=, seconds),
// the TraceQL editor's autocomplete (/api/v2/search/tags?scope=, /api/v2/search/tag/{tag}/values) and trace by
// id (/api/v2/traces/{id} with Accept: application/protobuf, unmarshalled as tempopb.TraceByIDResponse). The
// protobuf is decoded here with Tempo's and OTLP's message definitions (field numbers from
// grafana/tempo pkg/tempopb/tempo.proto and opentelemetry-proto trace/v1/trace.proto), not the app's schema.
import protobuf from 'protobufjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { otlpJsonFromSpans } from '@/test/support/otlp-json-from-spans';
import { grafanaTraces, TRACE_A, TRACE_B } from './grafana-traces';

const TEMPO_PROTO = `
syntax = "proto3";
package tempopb;
message TraceByIDResponse { Trace trace = 1; TraceByIDMetrics metrics = 2; int32 status = 3; string message = 4; }
message TraceByIDMetrics { uint64 inspectedBytes = 1; }
message Trace { repeated ResourceSpans resourceSpans = 1; }
message TracesData { repeated ResourceSpans resource_spans = 1; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; string schema_url = 3; }
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; string schema_url = 3; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; }
message KeyValue { string key = 1; AnyValue value = 2; }
message AnyValue { oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4; } }
message Status { string message = 2; int32 code = 3; }
message Span {
  bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4; fixed32 flags = 16; string name = 5;
  int32 kind = 6; fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8; repeated KeyValue attributes = 9;
  Status status = 15;
}`;
const root = protobuf.parse(TEMPO_PROTO).root;
const TraceByIDResponse = root.lookupType('tempopb.TraceByIDResponse');
const TracesData = root.lookupType('tempopb.TracesData');

let db: TestDatabase;
let app: AppServer;
const BASE_NS = (BigInt(Date.now()) - 600_000n) * 1_000_000n;
const START_S = String(BASE_NS / 1_000_000_000n - 60n);
const END_S = String(BASE_NS / 1_000_000_000n + 60n);

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return app.fetch(`${app.url}/tempo${path}`, { headers });
}

async function getJson<T>(path: string): Promise<T> {
  const res = await get(path);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

beforeAll(async () => {
  db = await createTestDatabase('th_graf_tempo');
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

interface SpanJson {
  spanID: string;
  name: string;
  startTimeUnixNano: string;
  durationNanos: string;
  attributes: { key: string; value: { stringValue?: string } }[];
}
interface SearchJson {
  traces: { traceID: string; rootServiceName: string; rootTraceName: string; startTimeUnixNano: string; durationMs: number; spanSets: { spans: SpanJson[]; matched: number }[] }[];
}

describe('Grafana Tempo data source', () => {
  it('passes "Save & test" (echo) and reads a Tempo version from buildinfo', async () => {
    const echo = await get('/api/echo');
    expect(echo.status).toBe(200);
    expect(await echo.text()).toBe('echo');
    const info = await getJson<{ version: string }>('/api/status/buildinfo');
    expect(info.version).toMatch(/^2\.\d+\.\d+$/);
    expect((await fetch(`${app.url}/tempo/api/echo`)).status).toBe(401);
  });

  it("searches with TraceQL and answers Tempo's search response", async () => {
    const q = '{ resource.service.name = "payments" && span.http.status_code = 500 }';
    const body = await getJson<SearchJson>(`/api/search?${new URLSearchParams({ q, limit: '20', spss: '3', start: START_S, end: END_S })}`);
    expect(body.traces).toHaveLength(1);
    const t = body.traces[0]!;
    expect(t).toMatchObject({ traceID: TRACE_A, rootServiceName: 'frontend', rootTraceName: 'GET /checkout', startTimeUnixNano: BASE_NS.toString(), durationMs: 40 });
    expect(t.spanSets).toHaveLength(1);
    expect(t.spanSets[0]!.matched).toBe(1);
    expect(t.spanSets[0]!.spans).toEqual([
      {
        spanID: '0000000000000a03',
        name: 'charge',
        startTimeUnixNano: (BASE_NS + 3_000_000n).toString(),
        durationNanos: '26000000',
        attributes: [{ key: 'service.name', value: { stringValue: 'payments' } }],
      },
    ]);
  });

  it('limits span sets to spss and traces to limit, and answers a malformed query with a 400', async () => {
    const body = await getJson<SearchJson>(`/api/search?${new URLSearchParams({ q: '{ resource.service.name = "frontend" }', limit: '1', spss: '1', start: START_S, end: END_S })}`);
    expect(body.traces.map((t) => t.traceID)).toEqual([TRACE_B]);
    const all = await getJson<SearchJson>(`/api/search?${new URLSearchParams({ q: '{ resource.service.name = "frontend" }', spss: '1', start: START_S, end: END_S })}`);
    const a = all.traces.find((t) => t.traceID === TRACE_A)!;
    expect(a.spanSets[0]!.matched).toBe(2);
    expect(a.spanSets[0]!.spans).toHaveLength(1);
    const bad = await get(`/api/search?${new URLSearchParams({ q: '{ span.x = ', start: START_S, end: END_S })}`);
    expect(bad.status).toBe(400);
  });

  it('returns the trace as TraceByIDResponse protobuf for Accept: application/protobuf', async () => {
    const res = await get(`/api/v2/traces/${TRACE_A}`, { Accept: 'application/protobuf' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/protobuf');
    const decoded = TraceByIDResponse.toObject(TraceByIDResponse.decode(new Uint8Array(await res.arrayBuffer())), { longs: String, bytes: String }) as {
      trace: {
        resourceSpans: {
          resource: { attributes: { key: string; value: { stringValue: string } }[] };
          scopeSpans: {
            spans: {
              traceId: string;
              spanId: string;
              parentSpanId?: string;
              name: string;
              kind: number;
              startTimeUnixNano: string;
              attributes?: { key: string; value: { intValue?: string } }[];
              status?: { code: number };
            }[];
          }[];
        }[];
      };
    };
    const spans = decoded.trace.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    expect(spans).toHaveLength(5);
    const charge = spans.find((s) => s.name === 'charge')!;
    expect(Buffer.from(charge.traceId, 'base64').toString('hex')).toBe(TRACE_A);
    expect(Buffer.from(charge.spanId, 'base64').toString('hex')).toBe('0000000000000a03');
    expect(Buffer.from(charge.parentSpanId!, 'base64').toString('hex')).toBe('0000000000000a02');
    expect(charge.kind).toBe(2);
    expect(charge.startTimeUnixNano).toBe((BASE_NS + 3_000_000n).toString());
    expect(charge.status?.code).toBe(2);
    expect(charge.attributes?.find((a) => a.key === 'http.status_code')?.value.intValue).toBe('500');
    const services = decoded.trace.resourceSpans.map((r) => r.resource.attributes.find((a) => a.key === 'service.name')!.value.stringValue).sort();
    expect(services).toEqual(['frontend', 'payments']);
  });

  it('returns TracesData (v1) as protobuf and JSON, and 404 for an unknown trace', async () => {
    const proto = await get(`/api/traces/${TRACE_B}`, { Accept: 'application/protobuf' });
    const data = TracesData.toObject(TracesData.decode(new Uint8Array(await proto.arrayBuffer())), { bytes: String }) as { resourceSpans: { scopeSpans: { spans: { name: string }[] }[] }[] };
    expect(data.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans.map((x) => x.name)))).toEqual(['GET /health']);
    const json = await getJson<{ resourceSpans: unknown[] }>(`/api/traces/${TRACE_B}`);
    expect(json.resourceSpans).toHaveLength(1);
    const v2json = await getJson<{ trace: { resourceSpans: unknown[] } }>(`/api/v2/traces/${TRACE_A}`);
    expect(v2json.trace.resourceSpans).toHaveLength(2);
    expect((await get(`/api/v2/traces/${'c'.repeat(32)}`, { Accept: 'application/protobuf' })).status).toBe(404);
    expect((await get('/api/v2/traces/not-hex')).status).toBe(400);
  });

  it('lists tag names per scope and tag values for the TraceQL editor', async () => {
    const window = `start=${START_S}&end=${END_S}`;
    const all = await getJson<{ scopes: { name: string; tags: string[] }[] }>(`/api/v2/search/tags?${window}`);
    const byName = Object.fromEntries(all.scopes.map((s) => [s.name, s.tags]));
    expect(byName.span).toEqual(['amount', 'db.system', 'http.route', 'http.status_code']);
    expect(byName.resource).toEqual(['deployment.environment', 'service.name']);
    expect(byName.intrinsic).toContain('status');
    const spanOnly = await getJson<{ scopes: { name: string }[] }>(`/api/v2/search/tags?scope=span&${window}`);
    expect(spanOnly.scopes.map((s) => s.name)).toEqual(['span']);
    const v1 = await getJson<{ tagNames: string[] }>(`/api/search/tags?${window}`);
    expect(v1.tagNames).toContain('http.route');
    expect(v1.tagNames).toContain('service.name');

    const services = await getJson<{ tagValues: { type: string; value: string }[] }>(`/api/v2/search/tag/resource.service.name/values?${window}`);
    expect(services.tagValues).toEqual([
      { type: 'string', value: 'frontend' },
      { type: 'string', value: 'payments' },
    ]);
    const codes = await getJson<{ tagValues: { type: string; value: string }[] }>(`/api/v2/search/tag/span.http.status_code/values?${window}`);
    expect(codes.tagValues).toEqual([{ type: 'int', value: '500' }]);
    const anyScope = await getJson<{ tagValues: { type: string; value: string }[] }>(`/api/v2/search/tag/.deployment.environment/values?${window}`);
    expect(anyScope.tagValues).toEqual([{ type: 'string', value: 'test' }]);
    const status = await getJson<{ tagValues: { type: string; value: string }[] }>(`/api/v2/search/tag/status/values?${window}`);
    expect(status.tagValues).toContainEqual({ type: 'keyword', value: 'error' });
    expect((await get(`/api/v2/search/tag/nonsense/values?${window}`)).status).toBe(400);
    const v1Values = await getJson<{ tagValues: string[] }>(`/api/search/tag/service.name/values?${window}`);
    expect(v1Values.tagValues).toEqual(['frontend', 'payments']);
  });
});
