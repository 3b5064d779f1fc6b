// OTLP over gRPC against the built app on real Postgres: the official OTel gRPC exporters (0.223.x) as clients
// for the round trip, and a bare grpc-js client for the statuses (partial success, INVALID_ARGUMENT,
// UNAUTHENTICATED, RESOURCE_EXHAUSTED with RetryInfo) the exporters only report as "failed".
import * as grpc from '@grpc/grpc-js';
import pg from 'pg';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TracePayload } from '@/lib/domain/model/trace-payload';
import { OtlpProto } from '@/lib/domain/otlp/otlp-proto-schema';
import { freePort, startAppServer, type AppServer } from '../support/app-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { checkProducedTrace } from './check-produced-trace';
import { ExportResultCode, exportLogsGrpc, exportSpansGrpc, produceLogs, produceTrace } from './otlp-clients';

const TOKEN = 'grpc-sekret';
const TRACE_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';

let db: TestDatabase;
let app: AppServer;
let grpcUrl: string;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase('th_ingest_grpc');
  const grpcPort = await freePort();
  grpcUrl = `http://127.0.0.1:${grpcPort}`;
  app = await startAppServer({ DATABASE_URL: db.url, INGEST_TOKENS: TOKEN, OTLP_GRPC_PORT: String(grpcPort) });
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await app?.stop();
  await db?.drop();
});

interface UnaryOutcome {
  error: grpc.ServiceError | null;
  response: Buffer | null;
}

/** One raw Export call, bytes in and bytes out. */
function rawExport(url: string, path: string, body: Uint8Array, metadata: Record<string, string>): Promise<UnaryOutcome> {
  const raw = new grpc.Client(url.replace(/^http:\/\//, ''), grpc.credentials.createInsecure());
  const md = new grpc.Metadata();
  for (const [k, v] of Object.entries(metadata)) md.set(k, v);
  return new Promise<UnaryOutcome>((resolve) => {
    raw.makeUnaryRequest(
      path,
      (b: Buffer) => b,
      (b: Buffer) => b,
      Buffer.from(body),
      md,
      (error, response) => resolve({ error: error ?? null, response: response ?? null }),
    );
  }).finally(() => raw.close());
}

async function spanCount(): Promise<number> {
  const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM spans');
  return rows[0]!.n;
}

describe('OTLP/gRPC from the real exporters', () => {
  it('stores spans sent by exporter-trace-otlp-grpc (gzip) exactly, in the tenant of x-scope-orgid', async () => {
    const produced = produceTrace('grpc-checkout');
    const result = await exportSpansGrpc(grpcUrl, produced.spans, { authorization: `Bearer ${TOKEN}`, 'x-scope-orgid': 'team-g' });
    expect(result.code, String(result.error)).toBe(ExportResultCode.SUCCESS);
    const res = await app.fetch(`${app.url}/api/traces/${produced.traceId}`, { headers: { 'X-Scope-OrgID': 'team-g' } });
    expect(res.status).toBe(200);
    checkProducedTrace((await res.json()) as TracePayload, produced, 'grpc-checkout');
    // not in the default tenant
    expect((await app.fetch(`${app.url}/api/traces/${produced.traceId}`)).status).toBe(404);
  });

  it('stores logs sent by exporter-logs-otlp-grpc with trace and span ids, labels and metadata', async () => {
    const baseSec = Math.floor(Date.now() / 1000) - 60;
    const traceId = '5bf92f3577b34da6a3ce929d0e0e4736';
    const spanId = '10f067aa0ba902b7';
    const logs = await produceLogs(traceId, spanId, baseSec);
    const result = await exportLogsGrpc(grpcUrl, logs, { authorization: `Bearer ${TOKEN}` });
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
  });

  it('a wrong token fails the export with UNAUTHENTICATED and stores nothing', async () => {
    const before = await spanCount();
    const produced = produceTrace('grpc-denied');
    const result = await exportSpansGrpc(grpcUrl, produced.spans, { authorization: 'Bearer nope' });
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect((result.error as grpc.ServiceError).code).toBe(grpc.status.UNAUTHENTICATED);
    const missing = await rawExport(grpcUrl, TRACE_PATH, ProtobufTraceSerializer.serializeRequest(produced.spans)!, {});
    expect(missing.error?.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(missing.error?.details).toMatch(/Missing ingest token/);
    expect(await spanCount()).toBe(before);
  });
});

describe('OTLP/gRPC statuses', () => {
  it('a managed ingest token bound to a tenant writes there; naming another tenant is PERMISSION_DENIED', async () => {
    const minted = await app.fetch(`${app.url}/api/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'grpc-ingest', role: 'ingest', tenant: 'team-t' }),
    });
    expect(minted.status).toBe(201);
    const { token } = (await minted.json()) as { token: string };
    const produced = produceTrace('grpc-bound');
    const body = ProtobufTraceSerializer.serializeRequest(produced.spans)!;
    const elsewhere = await rawExport(grpcUrl, TRACE_PATH, body, { authorization: `Bearer ${token}`, 'x-scope-orgid': 'team-other' });
    expect(elsewhere.error?.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(elsewhere.error?.details).toMatch(/team-t/);
    const ok = await rawExport(grpcUrl, TRACE_PATH, body, { authorization: `Bearer ${token}` });
    expect(ok.error).toBeNull();
    expect((await app.fetch(`${app.url}/api/traces/${produced.traceId}`, { headers: { 'X-Scope-OrgID': 'team-t' } })).status).toBe(200);
  });

  it('an undecodable message is INVALID_ARGUMENT naming the problem', async () => {
    const before = await spanCount();
    const { error } = await rawExport(grpcUrl, TRACE_PATH, Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]), { authorization: `Bearer ${TOKEN}` });
    expect(error?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(error?.details.length).toBeGreaterThan(0);
    expect(await spanCount()).toBe(before);
  });

  it('invalid spans are reported in partialSuccess while the valid ones are stored', async () => {
    const now = BigInt(Date.now()) * 1_000_000n;
    const span = (spanId: Uint8Array, name: string) => ({ traceId: Buffer.alloc(16, 0x31), spanId, name, startTimeUnixNano: now, endTimeUnixNano: now + 1000n });
    const request = OtlpProto.ExportTraceServiceRequest.fromObject({
      resourceSpans: [{ scopeSpans: [{ spans: [span(Buffer.alloc(8, 0x32), 'good'), span(Buffer.alloc(3, 0x33), 'short-id')] }] }],
    });
    const { error, response } = await rawExport(grpcUrl, TRACE_PATH, OtlpProto.ExportTraceServiceRequest.encode(request).finish(), {
      authorization: `Bearer ${TOKEN}`,
    });
    expect(error).toBeNull();
    const decoded = OtlpProto.ExportTraceServiceResponse.toObject(OtlpProto.ExportTraceServiceResponse.decode(response!), { longs: Number }) as {
      partialSuccess?: { rejectedSpans: number; errorMessage: string };
    };
    expect(decoded.partialSuccess?.rejectedSpans).toBe(1);
    expect(decoded.partialSuccess?.errorMessage).toMatch(/span/i);
    const { rows } = await client.query(`SELECT name FROM spans WHERE trace_id = $1`, [Buffer.alloc(16, 0x31)]);
    expect(rows.map((r) => r.name)).toEqual(['good']);
  });
});

describe('OTLP/gRPC when saturated', () => {
  let busyDb: TestDatabase;
  let busy: AppServer;
  let busyUrl: string;

  beforeAll(async () => {
    busyDb = await createTestDatabase('th_ingest_grpc_busy');
    const grpcPort = await freePort();
    busyUrl = `http://127.0.0.1:${grpcPort}`;
    busy = await startAppServer({
      DATABASE_URL: busyDb.url,
      OTLP_GRPC_PORT: String(grpcPort),
      INGEST_MAX_PENDING_ROWS: '40',
      INGEST_BATCH_ROWS: '40',
      INGEST_WRITE_CONCURRENCY: '1',
    });
  });

  afterAll(async () => {
    await busy?.stop();
    await busyDb?.drop();
  });

  it('answers RESOURCE_EXHAUSTED with a RetryInfo for what does not fit; OKs are stored whole, refusals not at all', async () => {
    const start = BigInt(Date.now()) * 1_000_000n;
    const requests = Array.from({ length: 40 }, (_, r) => {
      const traceId = Buffer.alloc(16, r + 1);
      const spans = Array.from({ length: 30 }, (_, i) => ({
        traceId,
        spanId: Buffer.from((i + 1).toString(16).padStart(16, 'b'), 'hex'),
        name: `op-${i}`,
        startTimeUnixNano: start + BigInt(i),
        endTimeUnixNano: start + BigInt(i) + 1000n,
        attributes: [{ key: 'pad', value: { stringValue: 'x'.repeat(2000) } }],
      }));
      const body = OtlpProto.ExportTraceServiceRequest.encode(OtlpProto.ExportTraceServiceRequest.fromObject({ resourceSpans: [{ scopeSpans: [{ spans }] }] })).finish();
      return { traceId, body };
    });
    const outcomes = await Promise.all(requests.map((r) => rawExport(busyUrl, TRACE_PATH, r.body, {})));
    const codes = outcomes.map((o) => o.error?.code ?? grpc.status.OK);
    expect(codes.every((c) => c === grpc.status.OK || c === grpc.status.RESOURCE_EXHAUSTED)).toBe(true);
    expect(codes.filter((c) => c === grpc.status.OK).length).toBeGreaterThan(0);
    expect(codes.filter((c) => c === grpc.status.RESOURCE_EXHAUSTED).length).toBeGreaterThan(0);
    for (const { error } of outcomes.filter((o) => o.error)) {
      const details = error!.metadata.get('grpc-status-details-bin')[0] as Buffer;
      const status = OtlpProto.RpcStatus.toObject(OtlpProto.RpcStatus.decode(details), { longs: Number }) as {
        code: number;
        details: { typeUrl: string; value: Uint8Array }[];
      };
      expect(status.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
      expect(status.details[0]!.typeUrl).toBe('type.googleapis.com/google.rpc.RetryInfo');
      const retry = OtlpProto.RetryInfo.toObject(OtlpProto.RetryInfo.decode(status.details[0]!.value), { longs: Number }) as { retryDelay: { seconds: number } };
      expect(retry.retryDelay.seconds).toBe(1);
    }
    const pgClient = new pg.Client({ connectionString: busyDb.url });
    await pgClient.connect();
    try {
      const { rows } = await pgClient.query<{ trace_id: string; n: number }>(`SELECT encode(trace_id, 'hex') AS trace_id, count(*)::int AS n FROM spans GROUP BY 1`);
      const stored = new Map(rows.map((r) => [r.trace_id, r.n]));
      requests.forEach((r, i) => {
        if (codes[i] === grpc.status.OK) expect(stored.get(r.traceId.toString('hex'))).toBe(30);
        else expect(stored.has(r.traceId.toString('hex'))).toBe(false);
      });
    } finally {
      await pgClient.end();
    }
  });
});
