// Ingest over real HTTP against the built app on real Postgres, with the official OTel exporters as clients.
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { ProtobufLogsSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TracePayload } from '@/lib/domain/model/trace-payload';
import { OtlpProto } from '@/lib/domain/otlp/otlp-proto-schema';
import { startAppServer, type AppServer } from '../support/app-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { checkProducedTrace } from './check-produced-trace';
import { ExportResultCode, exportLogsJson, exportSpansJson, exportSpansProto, produceLogs, produceTrace } from './otlp-clients';

const TOKEN = 'sekret-token';
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const LIMIT = 1024 * 1024;

let db: TestDatabase;
let app: AppServer;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase('th_ingest');
  app = await startAppServer({ DATABASE_URL: db.url, INGEST_TOKENS: `other,${TOKEN}`, MAX_REQUEST_BYTES: String(LIMIT) });
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await app?.stop();
  await db?.drop();
});

async function counts(): Promise<{ spans: number; logs: number; summaries: number }> {
  const { rows } = await client.query<{ spans: number; logs: number; summaries: number }>(
    `SELECT (SELECT count(*) FROM spans)::int AS spans, (SELECT count(*) FROM logs)::int AS logs,
            (SELECT count(*) FROM trace_summaries)::int AS summaries`,
  );
  return rows[0]!;
}

/** OTLP error bodies: a protobuf google.rpc.Status for protobuf requests, JSON (Status fields + error) otherwise. */
async function errorOf(res: Response): Promise<{ grpcCode: number; message: string; contentType: string }> {
  const contentType = res.headers.get('content-type') ?? '';
  if (contentType.startsWith('application/x-protobuf')) {
    const status = OtlpProto.RpcStatus.toObject(OtlpProto.RpcStatus.decode(new Uint8Array(await res.arrayBuffer()))) as { code?: number; message?: string };
    return { grpcCode: status.code ?? 0, message: status.message ?? '', contentType };
  }
  const body = await res.json();
  expect(body.message).toBe(body.error.message);
  return { grpcCode: body.code, message: body.error.message, contentType };
}

async function getTrace(traceId: string, headers: Record<string, string> = {}): Promise<TracePayload> {
  const res = await app.fetch(`${app.url}/api/traces/${traceId}`, { headers });
  expect(res.status).toBe(200);
  return (await res.json()) as TracePayload;
}

describe('OTLP traces from real exporters', () => {
  it('stores spans sent by exporter-trace-otlp-proto (gzip) exactly', async () => {
    const produced = produceTrace('orders-proto');
    const result = await exportSpansProto(app.url, produced.spans, AUTH, true);
    expect(result.code, String(result.error)).toBe(ExportResultCode.SUCCESS);
    checkProducedTrace(await getTrace(produced.traceId), produced, 'orders-proto');
  });

  it('stores spans sent by exporter-trace-otlp-http (JSON) exactly', async () => {
    const produced = produceTrace('orders-json');
    const result = await exportSpansJson(app.url, produced.spans, AUTH);
    expect(result.code, String(result.error)).toBe(ExportResultCode.SUCCESS);
    checkProducedTrace(await getTrace(produced.traceId), produced, 'orders-json');
  });

  it('stores a re-delivered request once (rows and summary counts)', async () => {
    const produced = produceTrace('orders-dup');
    const body = new Uint8Array(ProtobufTraceSerializer.serializeRequest(produced.spans)!);
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${app.url}/v1/traces`, { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/x-protobuf' }, body });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/x-protobuf');
      const decoded = OtlpProto.ExportTraceServiceResponse.decode(new Uint8Array(await res.arrayBuffer())) as unknown as { partialSuccess?: unknown };
      expect(decoded.partialSuccess ?? null).toBeNull();
    }
    const payload = await getTrace(produced.traceId);
    expect(payload.spans).toHaveLength(2);
    expect(payload.summary.spanCount).toBe(2);
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM spans WHERE trace_id = decode($1, 'hex')`, [produced.traceId]);
    expect(rows[0].n).toBe(2);
  });

  it('?format=otlp returns an ExportTraceServiceRequest that this (OTLP) backend accepts again unchanged', async () => {
    const produced = produceTrace('orders-roundtrip');
    expect((await exportSpansProto(app.url, produced.spans, AUTH)).code).toBe(ExportResultCode.SUCCESS);
    const res = await app.fetch(`${app.url}/api/traces/${produced.traceId}?format=otlp`);
    expect(res.status).toBe(200);
    const otlp = await res.json();
    expect(otlp.resourceSpans[0].scopeSpans[0].spans).toHaveLength(2);
    expect(otlp.resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano).toBe(`${produced.baseSec}123456789`);
    const again = await fetch(`${app.url}/v1/traces`, {
      method: 'POST',
      headers: { ...AUTH, 'Content-Type': 'application/json', 'X-Scope-OrgID': 'mirror' },
      body: JSON.stringify(otlp),
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({});
    const original = await getTrace(produced.traceId);
    const mirrored = await getTrace(produced.traceId, { 'X-Scope-OrgID': 'mirror' });
    expect(mirrored.tenant).toBe('mirror');
    expect(mirrored.spans).toEqual(original.spans);
    expect(mirrored.resources).toEqual(original.resources);
    expect(mirrored.scopes).toEqual(original.scopes);
  });

  it('keeps tenants apart (X-Scope-OrgID)', async () => {
    const produced = produceTrace('tenant-svc');
    expect((await exportSpansProto(app.url, produced.spans, { ...AUTH, 'X-Scope-OrgID': 'acme' })).code).toBe(ExportResultCode.SUCCESS);
    expect((await app.fetch(`${app.url}/api/traces/${produced.traceId}`)).status).toBe(404);
    expect((await getTrace(produced.traceId, { 'X-Scope-OrgID': 'acme' })).tenant).toBe('acme');
  });
});

describe('OTLP logs from a real exporter', () => {
  it('stores logs sent by exporter-logs-otlp-http with trace and span ids, labels and metadata', async () => {
    const baseSec = Math.floor(Date.now() / 1000) - 60;
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const spanId = '00f067aa0ba902b7';
    const logs = await produceLogs(traceId, spanId, baseSec);
    const result = await exportLogsJson(app.url, logs, AUTH);
    expect(result.code, String(result.error)).toBe(ExportResultCode.SUCCESS);
    const { rows } = await client.query(
      `SELECT encode(l.trace_id, 'hex') AS trace_id, encode(l.span_id, 'hex') AS span_id, l.time_unix_nano::text AS t,
              l.line, l.metadata, l.severity_text, l.severity_number, s.labels
         FROM logs l JOIN log_streams s USING (tenant, stream_id) WHERE l.tenant = 'default' ORDER BY l.time_unix_nano`,
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      trace_id: traceId,
      span_id: spanId,
      t: `${baseSec}111111111`,
      line: 'card declined',
      severity_text: 'ERROR',
      severity_number: 17,
      labels: { service_name: 'billing', deployment_environment: 'prod' },
      metadata: { order_id: 'o-1', attempt: '2', scope_name: 'billing-logger' },
    });
    expect(rows[1]).toMatchObject({ trace_id: '', span_id: null, line: 'no trace here', t: `${baseSec}222222222` });
    // re-delivery stores nothing twice
    expect((await exportLogsJson(app.url, logs, AUTH)).code).toBe(ExportResultCode.SUCCESS);
    const again = await client.query(`SELECT count(*)::int AS n FROM logs`);
    expect(again.rows[0].n).toBe(2);
  });
});

describe('OTLP logs as gzip protobuf', () => {
  it('stores SDK log records serialized as protobuf and gzip-compressed, answering in protobuf', async () => {
    const baseSec = Math.floor(Date.now() / 1000) - 30;
    const traceId = '5bf92f3577b34da6a3ce929d0e0e4737';
    const logs = await produceLogs(traceId, '10f067aa0ba902b8', baseSec);
    const body = gzipSync(ProtobufLogsSerializer.serializeRequest(logs)!);
    const res = await fetch(`${app.url}/v1/logs`, {
      method: 'POST',
      headers: { ...AUTH, 'Content-Type': 'application/x-protobuf', 'Content-Encoding': 'gzip', 'X-Scope-OrgID': 'proto-logs' },
      body: new Uint8Array(body),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-protobuf');
    expect((await res.arrayBuffer()).byteLength).toBe(0); // full success: empty ExportLogsServiceResponse
    const { rows } = await client.query(
      `SELECT encode(trace_id, 'hex') AS trace_id, time_unix_nano::text AS t, line, severity_number FROM logs
        WHERE tenant = 'proto-logs' ORDER BY time_unix_nano`,
    );
    expect(rows).toEqual([
      { trace_id: traceId, t: `${baseSec}111111111`, line: 'card declined', severity_number: 17 },
      { trace_id: '', t: `${baseSec}222222222`, line: 'no trace here', severity_number: 9 },
    ]);
  });
});

describe('Zipkin v2', () => {
  it('maps a Zipkin span array onto the span model (202)', async () => {
    const ts = (Date.now() - 30_000) * 1000;
    const body = [
      {
        traceId: '463ac35c9f6413ad',
        id: 'a2fb4a1d1a96d312',
        name: 'get /api',
        kind: 'SERVER',
        timestamp: ts,
        duration: 2500,
        localEndpoint: { serviceName: 'frontend', ipv4: '10.0.0.1' },
        tags: { 'http.method': 'GET' },
        annotations: [{ timestamp: ts + 10, value: 'wr' }],
      },
      {
        traceId: '463ac35c9f6413ad',
        id: 'b2fb4a1d1a96d312',
        parentId: 'a2fb4a1d1a96d312',
        name: 'db',
        kind: 'CLIENT',
        timestamp: ts + 100,
        duration: 1000,
        localEndpoint: { serviceName: 'frontend' },
        remoteEndpoint: { serviceName: 'postgres', port: 5432 },
        tags: { error: 'timeout' },
      },
      { traceId: 'zz', id: 'c2fb4a1d1a96d312', timestamp: ts },
    ];
    const res = await fetch(`${app.url}/api/v2/spans`, { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ accepted: 2, rejected: 1 });
    const payload = await getTrace('463ac35c9f6413ad');
    expect(payload.traceId).toBe('0000000000000000463ac35c9f6413ad');
    const [server, db] = payload.spans;
    expect(server!.startTimeUnixNano).toBe(`${ts}000`);
    expect(server!.endTimeUnixNano).toBe(`${ts + 2500}000`);
    expect(server!.kind).toBe(2);
    expect(server!.events[0]).toMatchObject({ name: 'wr', timeUnixNano: `${ts + 10}000` });
    expect(payload.resources[server!.resourceIndex]!.host.ip).toBe('10.0.0.1');
    expect(db!.parentSpanId).toBe('a2fb4a1d1a96d312');
    expect(db!.statusCode).toBe(2);
    expect(db!.attributes['peer.service']).toEqual({ stringValue: 'postgres' });
  });

  it('splits shared client/server spans sent by two processes, the way Brave and zipkin-js report them', async () => {
    // frontend SERVER f [0 ── 40]
    // └── frontend CLIENT s [2 ── 37]          shared id s: the client half, sent by frontend
    //     backend SERVER s [3 ── 36] shared    the server half, sent by backend in its own request
    //     └── backend CLIENT d [5 ─ 20]        names s as parent: belongs under the server half
    const ts = (Date.now() - 20_000) * 1000;
    const traceId = '5af7183fb1d4cf5f';
    const front = [
      { traceId, id: '00000000000000f1', kind: 'SERVER', name: 'get /', timestamp: ts, duration: 40_000, localEndpoint: { serviceName: 'frontend' } },
      { traceId, id: '00000000000000a1', parentId: '00000000000000f1', kind: 'CLIENT', name: 'get', timestamp: ts + 2_000, duration: 35_000, localEndpoint: { serviceName: 'frontend' } },
    ];
    const back = [
      {
        traceId,
        id: '00000000000000a1',
        parentId: '00000000000000f1',
        kind: 'SERVER',
        shared: true,
        name: 'get /items',
        timestamp: ts + 3_000,
        duration: 33_000,
        localEndpoint: { serviceName: 'backend' },
      },
      { traceId, id: '00000000000000d1', parentId: '00000000000000a1', kind: 'CLIENT', name: 'query', timestamp: ts + 5_000, duration: 15_000, localEndpoint: { serviceName: 'backend' } },
    ];
    for (const body of [front, back]) {
      const res = await fetch(`${app.url}/api/v2/spans`, { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(202);
    }
    const payload = await getTrace(traceId);
    const byName = new Map(payload.spans.map((s) => [s.name, s]));
    const ids = payload.spans.map((s) => s.spanId);
    expect(new Set(ids).size).toBe(4);
    const serverHalf = byName.get('get /items')!;
    expect(serverHalf.spanId).not.toBe('00000000000000a1');
    expect(serverHalf.parentSpanId).toBe('00000000000000a1');
    expect(byName.get('query')!.parentSpanId).toBe(serverHalf.spanId);
    // The Jaeger API (Grafana's trace view) sees four distinct spans too.
    const jaeger = await (await app.fetch(`${app.url}/jaeger/api/traces/${traceId}`)).json();
    const jaegerIds = jaeger.data[0].spans.map((s: { spanID: string }) => s.spanID);
    expect(new Set(jaegerIds).size).toBe(4);
  });
});

describe('bad input leaves the database unchanged', () => {
  const validSpans = () => produceTrace('bad-input').spans;
  // A fixed pseudo-random byte string (LCG) so the test is deterministic.
  const randomBytes = (() => {
    const out = new Uint8Array(4096);
    let x = 12345;
    for (let i = 0; i < out.length; i++) out[i] = (x = (x * 1103515245 + 12345) & 0x7fffffff) >> 16;
    return out;
  })();
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));

  const cases: { name: string; init: () => RequestInit; path?: string; status: number; message: RegExp }[] = [
    {
      name: 'truncated protobuf',
      init: () => {
        const b = ProtobufTraceSerializer.serializeRequest(validSpans())!;
        return { body: new Uint8Array(b.subarray(0, b.length - 10)), headers: { 'Content-Type': 'application/x-protobuf' } };
      },
      status: 400,
      message: /Cannot decode protobuf/,
    },
    { name: 'random bytes', init: () => ({ body: randomBytes, headers: { 'Content-Type': 'application/x-protobuf' } }), status: 400, message: /Cannot decode protobuf/ },
    { name: 'invalid JSON', init: () => ({ body: '{"resourceSpans": [{', headers: { 'Content-Type': 'application/json' } }), status: 400, message: /Invalid JSON/ },
    { name: 'wrong JSON structure', init: () => ({ body: '{"resourceSpans": 5}', headers: { 'Content-Type': 'application/json' } }), status: 400, message: /resourceSpans: expected an array/ },
    { name: 'gzip bomb', init: () => ({ body: bomb, headers: { 'Content-Type': 'application/x-protobuf', 'Content-Encoding': 'gzip' } }), status: 413, message: /exceeds the limit of 1048576 bytes/ },
    { name: 'corrupt gzip', init: () => ({ body: randomBytes, headers: { 'Content-Type': 'application/x-protobuf', 'Content-Encoding': 'gzip' } }), status: 400, message: /Cannot decompress/ },
    { name: 'oversized body', init: () => ({ body: new Uint8Array(LIMIT + 1), headers: { 'Content-Type': 'application/x-protobuf' } }), status: 413, message: /exceeds the limit/ },
    { name: 'wrong content type', init: () => ({ body: 'hello', headers: { 'Content-Type': 'text/plain' } }), status: 415, message: /Unsupported Content-Type "text\/plain"/ },
    { name: 'unknown content encoding', init: () => ({ body: 'x', headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'br' } }), status: 415, message: /Content-Encoding/ },
    { name: 'zipkin as protobuf', path: '/api/v2/spans', init: () => ({ body: 'x', headers: { 'Content-Type': 'application/x-protobuf' } }), status: 415, message: /expected application\/json/ },
    { name: 'zipkin not an array', path: '/api/v2/spans', init: () => ({ body: '{}', headers: { 'Content-Type': 'application/json' } }), status: 400, message: /JSON array/ },
    { name: 'invalid logs JSON', path: '/v1/logs', init: () => ({ body: 'nope', headers: { 'Content-Type': 'application/json' } }), status: 400, message: /Invalid JSON/ },
    { name: 'bad tenant', init: () => ({ body: '{}', headers: { 'Content-Type': 'application/json', 'X-Scope-OrgID': 'a b/c' } }), status: 400, message: /X-Scope-OrgID/ },
  ];

  for (const c of cases) {
    it(`${c.name} → ${c.status}`, async () => {
      const before = await counts();
      const init = c.init();
      const res = await fetch(`${app.url}${c.path ?? '/v1/traces'}`, { method: 'POST', ...init, headers: { ...AUTH, ...(init.headers as Record<string, string>) } });
      expect(res.status).toBe(c.status);
      if (c.path === '/api/v2/spans') {
        // Zipkin is not OTLP: its errors are the plain JSON error body.
        expect((await res.json()).error.message).toMatch(c.message);
      } else {
        const error = await errorOf(res);
        expect(error.message).toMatch(c.message);
        expect(error.grpcCode).toBe(3); // INVALID_ARGUMENT
        const sentProtobuf = (init.headers as Record<string, string>)['Content-Type'] === 'application/x-protobuf';
        expect(error.contentType.startsWith('application/x-protobuf')).toBe(sentProtobuf);
      }
      expect(await counts()).toEqual(before);
    });
  }

  it('missing or wrong token → 401', async () => {
    const before = await counts();
    const body = new Uint8Array(ProtobufTraceSerializer.serializeRequest(validSpans())!);
    for (const headers of [{}, { Authorization: 'Bearer nope' }, { Authorization: TOKEN }] as Record<string, string>[]) {
      const res = await fetch(`${app.url}/v1/traces`, { method: 'POST', body, headers: { 'Content-Type': 'application/x-protobuf', ...headers } });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="tracehound"');
      expect(await errorOf(res)).toMatchObject({ grpcCode: 16, message: expect.stringMatching(/ingest token/), contentType: 'application/x-protobuf' });
    }
    expect(await counts()).toEqual(before);
  });

  it('wrong-length ids → 200 with partialSuccess, only valid spans stored', async () => {
    const before = await counts();
    const now = `${Date.now()}000000`;
    const span = (traceId: string, spanId: string) => ({ traceId, spanId, name: 'x', startTimeUnixNano: now, endTimeUnixNano: now });
    const body = { resourceSpans: [{ scopeSpans: [{ spans: [span('ab'.repeat(8), 'cd'.repeat(8)), span('ab'.repeat(16), 'cd'.repeat(4)), span('', 'cd'.repeat(8))] }] }] };
    const res = await fetch(`${app.url}/v1/traces`, { method: 'POST', body: JSON.stringify(body), headers: { ...AUTH, 'Content-Type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ partialSuccess: { rejectedSpans: '3', errorMessage: '3 rejected: invalid trace id (2), invalid span id (1)' } });
    expect(await counts()).toEqual(before);
  });

  it('protobuf partialSuccess is protobuf', async () => {
    const bytes = OtlpProto.ExportTraceServiceRequest.encode(
      OtlpProto.ExportTraceServiceRequest.fromObject({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: new Uint8Array(16).fill(1), spanId: new Uint8Array(3), name: 'bad' }] }] }] }),
    ).finish();
    const res = await fetch(`${app.url}/v1/traces`, { method: 'POST', body: new Uint8Array(bytes), headers: { ...AUTH, 'Content-Type': 'application/x-protobuf' } });
    expect(res.status).toBe(200);
    const decoded = OtlpProto.ExportTraceServiceResponse.toObject(OtlpProto.ExportTraceServiceResponse.decode(new Uint8Array(await res.arrayBuffer())), { longs: String });
    expect(decoded).toEqual({ partialSuccess: { rejectedSpans: '1', errorMessage: '1 rejected: invalid span id (1)' } });
  });
});

describe('failed writes', () => {
  it('a request whose write fails is never acknowledged and stores nothing', async () => {
    await client.query(`CREATE FUNCTION poison_span() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.name = 'poison' THEN RAISE EXCEPTION 'poisoned span'; END IF; RETURN NEW; END $$`);
    await client.query('CREATE TRIGGER poison_span BEFORE INSERT ON spans FOR EACH ROW EXECUTE FUNCTION poison_span()');
    try {
      const before = await counts();
      const now = `${Date.now()}000000`;
      const spans = ['fine', 'poison'].map((name, i) => ({ traceId: '7'.repeat(32), spanId: `${i + 1}`.repeat(16), name, startTimeUnixNano: now, endTimeUnixNano: now }));
      const res = await fetch(`${app.url}/v1/traces`, {
        method: 'POST',
        headers: { ...AUTH, 'Content-Type': 'application/json' },
        body: JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] }),
      });
      expect(res.status).toBe(500);
      expect((await res.json()).error.code).toBe('internal');
      expect(await counts()).toEqual(before);
    } finally {
      await client.query('DROP TRIGGER poison_span ON spans');
      await client.query('DROP FUNCTION poison_span()');
    }
  });
});

describe('large traces', () => {
  it('streams a 10,000-span trace (two full cursor batches and an empty one) in start order', async () => {
    const traceId = new Uint8Array(16).fill(0x3c);
    const base = BigInt(Date.now() - 90_000) * 1_000_000n;
    const sid = (i: number) => {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setUint32(4, i + 1);
      b[0] = 9;
      return b;
    };
    for (let off = 0; off < 10_000; off += 2500) {
      const resourceSpans = [0, 1].map((svc) => ({
        resource: { attributes: [{ key: 'service.name', value: { stringValue: `big-${svc}` } }] },
        scopeSpans: [
          {
            scope: { name: 'big' },
            spans: Array.from({ length: 1250 }, (_, k) => {
              const i = off + k * 2 + svc;
              return {
                traceId,
                spanId: sid(i),
                parentSpanId: i === 0 ? undefined : sid(0),
                name: `op-${i}`,
                startTimeUnixNano: (base + BigInt(i)).toString(),
                endTimeUnixNano: (base + BigInt(i) + 10n).toString(),
                attributes: [{ key: 'i', value: { intValue: i } }],
              };
            }),
          },
        ],
      }));
      const body = OtlpProto.ExportTraceServiceRequest.encode(OtlpProto.ExportTraceServiceRequest.fromObject({ resourceSpans })).finish();
      const res = await fetch(`${app.url}/v1/traces`, { method: 'POST', headers: { ...AUTH, 'Content-Type': 'application/x-protobuf' }, body: new Uint8Array(body) });
      expect(res.status).toBe(200);
    }
    const payload = await getTrace('3c'.repeat(16));
    expect(payload.summary.spanCount).toBe(10_000);
    expect(payload.spans).toHaveLength(10_000);
    expect(payload.spans.map((s) => s.name)).toEqual(Array.from({ length: 10_000 }, (_, i) => `op-${i}`));
    expect(payload.spans[9_999]!.attributes).toEqual({ i: { intValue: '9999' } });
    expect(payload.spans[9_999]!.startTimeUnixNano).toBe((base + 9_999n).toString());
    expect(payload.resources.map((r) => r.serviceName)).toEqual(['big-0', 'big-1']);
    expect(payload.spans.slice(0, 4).map((s) => s.resourceIndex)).toEqual([0, 1, 0, 1]);
    expect(payload.scopes).toEqual([{ name: 'big', version: '', attributes: {} }]);
  });
});

describe('GET /api/traces/{id}', () => {
  it('404 for an unknown id, 400 for a malformed one', async () => {
    const unknown = await app.fetch(`${app.url}/api/traces/${'1'.repeat(32)}`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('not_found');
    for (const bad of ['xyz', '0'.repeat(32), '1'.repeat(31)]) {
      const res = await app.fetch(`${app.url}/api/traces/${bad}`);
      expect(res.status).toBe(400);
    }
  });
});
