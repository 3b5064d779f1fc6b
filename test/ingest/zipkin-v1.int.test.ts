// Zipkin v1 JSON as zipkin-js really sends it (zipkin-transport-http's default encoder is JSON_V1), against
// the built app: /api/v1/spans accepts it with services, kinds, shared client/server halves split and the
// server's child under the server half; a v1 body at /api/v2/spans (and a v2 body at v1) is a 400 saying so.
import { Annotation, BatchRecorder, ExplicitContext, InetAddress, TraceId, Tracer } from 'zipkin';
import { HttpLogger } from 'zipkin-transport-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TracePayload } from '@/lib/domain/model/trace-payload';
import { startAppServer, type AppServer } from '../support/app-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
let app: AppServer;

beforeAll(async () => {
  db = await createTestDatabase('th_ingest_zipkin_v1');
  app = await startAppServer({ DATABASE_URL: db.url });
});

afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

interface Process {
  tracer: Tracer;
  /** Sends what the recorder finished, and resolves once the server answered 202. */
  flush(): Promise<void>;
}

function zipkinProcess(service: string): Process {
  const logger = new HttpLogger({ endpoint: `${app.url}/api/v1/spans`, httpInterval: 60_000 });
  const tracer = new Tracer({ ctxImpl: new ExplicitContext(), recorder: new BatchRecorder({ logger }), localServiceName: service });
  return {
    tracer,
    flush: () =>
      new Promise<void>((resolve, reject) => {
        // HttpLogger is an EventEmitter at run time; its typings omit that and processQueue.
        const emitter = logger as unknown as import('node:events').EventEmitter & { processQueue(f: typeof fetch): void };
        emitter.once('success', () => resolve());
        emitter.once('error', (e: Error) => reject(e));
        emitter.processQueue(fetch);
      }),
  };
}

describe('Zipkin v1 JSON from zipkin-js', () => {
  it('stores client and server halves of one shared span as two spans, the server child under the server half', async () => {
    const frontend = zipkinProcess('frontend');
    const backend = zipkinProcess('backend');
    const t0 = (Date.now() - 60_000) * 1000;
    const rootId: TraceId = frontend.tracer.createRootId();
    let childId: TraceId | undefined;
    frontend.tracer.scoped(() => {
      frontend.tracer.setId(rootId);
      // As zipkin-js's instrumentations do: the service (v1: the annotations' endpoint) is recorded per span.
      frontend.tracer.recordServiceName('frontend');
      frontend.tracer.recordRpc('get /checkout');
      frontend.tracer.recordBinary('http.path', '/checkout');
      frontend.tracer.recordAnnotation(new Annotation.ClientSend(), t0);
      frontend.tracer.recordAnnotation(new Annotation.ServerAddr({ serviceName: 'backend', host: new InetAddress('10.0.0.2'), port: 8080 }));
    });
    // The backend joins the propagated id (X-B3-* headers), as zipkin-instrumentation-express does: a shared span.
    // (Tracer.join exists at run time; the typings omit it.)
    const joined = (backend.tracer as unknown as { join(id: TraceId): TraceId }).join(new TraceId({ traceId: rootId.traceId, spanId: rootId.spanId, sampled: rootId.sampled }));
    backend.tracer.scoped(() => {
      backend.tracer.setId(joined);
      backend.tracer.recordServiceName('backend');
      backend.tracer.recordRpc('get /checkout');
      backend.tracer.recordAnnotation(new Annotation.ServerRecv(), t0 + 1_000);
      backend.tracer.recordBinary('http.status_code', '200');
      backend.tracer.scoped(() => {
        childId = backend.tracer.createChildId();
        backend.tracer.setId(childId);
        backend.tracer.recordServiceName('backend');
        backend.tracer.recordAnnotation(new Annotation.LocalOperationStart('select orders'), t0 + 1_500);
        backend.tracer.recordAnnotation(new Annotation.LocalOperationStop(), t0 + 2_500);
      });
      backend.tracer.setId(joined);
      backend.tracer.recordAnnotation(new Annotation.ServerSend(), t0 + 4_000);
    });
    frontend.tracer.scoped(() => {
      frontend.tracer.setId(rootId);
      frontend.tracer.recordAnnotation(new Annotation.ClientRecv(), t0 + 5_000);
    });
    await backend.flush();
    await frontend.flush();

    const traceId = rootId.traceId.padStart(32, '0');
    const res = await app.fetch(`${app.url}/api/traces/${traceId}`);
    expect(res.status).toBe(200);
    const trace = (await res.json()) as TracePayload;
    expect(trace.spans).toHaveLength(3);
    const service = (s: TracePayload['spans'][number]) => trace.resources[s.resourceIndex]!.serviceName;
    const client = trace.spans.find((s) => s.kind === 3)!;
    const server = trace.spans.find((s) => s.kind === 2)!;
    const local = trace.spans.find((s) => s.name === 'select orders')!;
    expect(service(client)).toBe('frontend');
    expect(client.spanId).toBe(rootId.spanId);
    expect(client.parentSpanId).toBeNull();
    expect(client.name).toBe('get /checkout');
    expect(client.startTimeUnixNano).toBe(String(BigInt(t0) * 1000n));
    expect(client.endTimeUnixNano).toBe(String(BigInt(t0 + 5_000) * 1000n));
    expect(client.attributes['http.path']).toEqual({ stringValue: '/checkout' });
    expect(client.attributes['peer.service']).toEqual({ stringValue: 'backend' });
    expect(client.attributes['net.peer.ip']).toEqual({ stringValue: '10.0.0.2' });
    expect(service(server)).toBe('backend');
    expect(server.spanId).not.toBe(client.spanId);
    expect(server.parentSpanId).toBe(client.spanId);
    expect(server.startTimeUnixNano).toBe(String(BigInt(t0 + 1_000) * 1000n));
    expect(server.endTimeUnixNano).toBe(String(BigInt(t0 + 4_000) * 1000n));
    expect(server.attributes['http.status_code']).toEqual({ stringValue: '200' });
    expect(service(local)).toBe('backend');
    expect(local.spanId).toBe(childId!.spanId);
    expect(local.parentSpanId).toBe(server.spanId);
    expect(new Set(trace.spans.map((s) => s.spanId)).size).toBe(3);
  });
});

describe('the wrong Zipkin version at an endpoint', () => {
  const TRACE_V1 = 'a'.repeat(16);
  const v1Body = JSON.stringify([
    {
      traceId: TRACE_V1,
      id: 'b'.repeat(16),
      name: 'get',
      timestamp: Date.now() * 1000,
      duration: 10,
      annotations: [{ timestamp: Date.now() * 1000, value: 'cs', endpoint: { serviceName: 'web' } }],
      binaryAnnotations: [{ key: 'http.path', value: '/', endpoint: { serviceName: 'web' } }],
    },
  ]);
  const v2Body = JSON.stringify([{ traceId: 'c'.repeat(16), id: 'd'.repeat(16), name: 'get', timestamp: Date.now() * 1000, localEndpoint: { serviceName: 'web' } }]);
  const post = (path: string, body: string) => fetch(`${app.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

  it('v1 JSON at /api/v2/spans is a 400 naming /api/v1/spans, and stores nothing', async () => {
    const res = await post('/api/v2/spans', v1Body);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/Zipkin v1 JSON.*\/api\/v1\/spans/);
    expect((await app.fetch(`${app.url}/api/traces/${TRACE_V1.padStart(32, '0')}`)).status).toBe(404);
  });

  it('v1 JSON without endpoints (a span with no recorded service) at /api/v2/spans is a 400 too', async () => {
    const bare = JSON.stringify([{ traceId: 'e'.repeat(16), id: 'f'.repeat(16), name: 'get', timestamp: 1_000, duration: 5, annotations: [{ value: 'cs', timestamp: 1_000 }] }]);
    const res = await post('/api/v2/spans', bare);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/Zipkin v1 JSON/);
  });

  it('v2 JSON at /api/v1/spans is a 400 naming /api/v2/spans; the same v1 body is accepted there', async () => {
    const res = await post('/api/v1/spans', v2Body);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/Zipkin v2 JSON.*\/api\/v2\/spans/);
    const ok = await post('/api/v1/spans', v1Body);
    expect(ok.status).toBe(202);
    const trace = (await (await app.fetch(`${app.url}/api/traces/${TRACE_V1.padStart(32, '0')}`)).json()) as TracePayload;
    expect(trace.resources[0]!.serviceName).toBe('web');
    expect(trace.spans[0]!.kind).toBe(3);
  });
});
