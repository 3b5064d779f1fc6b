// Real Loki clients against the running app over real HTTP: winston-loki (protobuf + snappy — proven by the
// content type and snappy preamble a recording proxy saw) and pino-loki (JSON). Lines come back through
// /loki/api/v1/query_range with their labels, structured metadata and trace ids, and through the trace API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import winston from 'winston';
import LokiTransport from 'winston-loki';
import pino from 'pino';
import { pinoLoki } from 'pino-loki';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy';

const TOKEN = 'loki-test-token';
const TRACE_W = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_W = '00f067aa0ba902b7';
const TRACE_P = '0af7651916cd43dd8448eb211c80319c';
const SPAN_P = 'b7ad6b7169203331';

let db: TestDatabase;
let app: AppServer;
let proxy: RecordingProxy;

interface LokiStreams {
  status: string;
  data: { resultType: string; result: { stream: Record<string, string>; values: [string, string][] }[] };
}

async function queryRange(query: string, extra: Record<string, string> = {}): Promise<LokiStreams> {
  const params = new URLSearchParams({ query, limit: '100', ...extra });
  const res = await app.fetch(`${app.url}/loki/api/v1/query_range?${params}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as LokiStreams;
}

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  db = await createTestDatabase('th_loki_clients');
  app = await startAppServer({ DATABASE_URL: db.url, INGEST_TOKENS: TOKEN });
  proxy = await startRecordingProxy(app.url);
});

afterAll(async () => {
  await proxy?.close();
  await app?.stop();
  await db?.drop();
});

describe('winston-loki (protobuf + snappy)', () => {
  it('pushes through the protobuf path and reads back labels, lines and trace ids', async () => {
    const transport = new LokiTransport({
      host: proxy.url,
      basicAuth: `tenant-user:${TOKEN}`,
      labels: { app: 'winston-app' },
      format: winston.format.json(),
      gracefulShutdown: false,
      interval: 0.2,
      onConnectionError: (error: unknown) => console.error('winston-loki', error),
    });
    const logger = winston.createLogger({ transports: [transport] });
    logger.info('order placed', { trace_id: TRACE_W, span_id: SPAN_W, order: 42 });
    logger.error('payment failed', { traceId: TRACE_W });
    logger.warn('plain line without ids');
    await transport.flush();
    await new Promise((r) => setTimeout(r, 500));
    await transport.flush();

    const pushes = proxy.requests.filter((r) => r.path === '/loki/api/v1/push');
    expect(pushes.length).toBeGreaterThan(0);
    for (const p of pushes) {
      expect(p.headers['content-type']).toBe('application/x-protobuf');
      expect(p.body[0]).not.toBe('{'.charCodeAt(0));
      expect(p.status).toBe(204);
    }

    const result = await eventually(
      () => queryRange('{app="winston-app"}'),
      (r) => r.data.result.reduce((n, s) => n + s.values.length, 0) >= 3,
    );
    expect(result.status).toBe('success');
    expect(result.data.resultType).toBe('streams');
    const lines = result.data.result.flatMap((s) => s.values.map(([ts, line]) => ({ ts, line, stream: s.stream })));
    expect(lines).toHaveLength(3);
    const placed = lines.find((l) => l.line.includes('order placed'));
    expect(placed?.stream).toMatchObject({ app: 'winston-app', level: 'info', trace_id: TRACE_W });
    expect(JSON.parse(placed?.line ?? '{}')).toMatchObject({ message: 'order placed', order: 42 });
    expect(placed?.ts).toMatch(/^\d{19}$/);
    const failed = lines.find((l) => l.line.includes('payment failed'));
    expect(failed?.stream).toMatchObject({ level: 'error', trace_id: TRACE_W });
    expect(lines.find((l) => l.line.includes('plain line'))?.stream.trace_id).toBeUndefined();

    const trace = await (await app.fetch(`${app.url}/api/traces/${TRACE_W}/logs`)).json();
    // Both lines may share a millisecond (winston's resolution), so compare as a set.
    expect(trace.lines.map((l: { line: string }) => JSON.parse(l.line).message).sort()).toEqual(['order placed', 'payment failed']);
    const span = await (await app.fetch(`${app.url}/api/traces/${TRACE_W}/logs?spanId=${SPAN_W}`)).json();
    expect(span.lines).toHaveLength(1);
    expect(span.lines[0]).toMatchObject({ traceId: TRACE_W, spanId: SPAN_W, severityText: 'info', labels: { app: 'winston-app' } });
  });
});

describe('pino-loki (JSON)', () => {
  it('pushes JSON with structured metadata and reads it back', async () => {
    const stream = pinoLoki({
      host: proxy.url,
      basicAuth: { username: 'u', password: TOKEN },
      batching: false,
      labels: { app: 'pino-app' },
      structuredMetaKey: 'meta',
      silenceErrors: false,
    });
    const logger = pino({ level: 'debug' }, stream);
    logger.info({ meta: { trace_id: TRACE_P, span_id: SPAN_P, user: 'ada' }, duration_ms: 1500 }, 'slow checkout');
    logger.debug({ duration_ms: 20 }, 'fast checkout');
    logger.error({ traceID: TRACE_P }, 'checkout crashed');

    const result = await eventually(
      () => queryRange('{app="pino-app"}'),
      (r) => r.data.result.reduce((n, s) => n + s.values.length, 0) >= 3,
    );
    const pushes = proxy.requests.filter((r) => r.path === '/loki/api/v1/push' && r.headers['content-type'] === 'application/json');
    expect(pushes.length).toBeGreaterThanOrEqual(3);
    const lines = result.data.result.flatMap((s) => s.values.map(([, line]) => ({ line, stream: s.stream })));
    expect(lines).toHaveLength(3);
    const slow = lines.find((l) => l.line.includes('slow checkout'));
    expect(slow?.stream).toMatchObject({ app: 'pino-app', level: 'info', trace_id: TRACE_P, span_id: SPAN_P, user: 'ada' });
    expect(lines.find((l) => l.line.includes('checkout crashed'))?.stream).toMatchObject({ level: 'error', trace_id: TRACE_P });

    // LogQL over what pino sent: json field comparison, label filter on metadata, line filter, direction.
    const slowOnly = await queryRange('{app="pino-app"} | json | duration_ms > 1000');
    expect(slowOnly.data.result.flatMap((s) => s.values.map((v) => JSON.parse(v[1]).msg))).toEqual(['slow checkout']);
    const byUser = await queryRange('{app="pino-app"} | user="ada"');
    expect(byUser.data.result.flatMap((s) => s.values)).toHaveLength(1);
    const byTrace = await queryRange(`{app=~"pino-.*"} | trace_id="${TRACE_P}"`, { direction: 'forward' });
    expect(byTrace.data.result.flatMap((s) => s.values.map((v) => JSON.parse(v[1]).msg)).sort()).toEqual(['checkout crashed', 'slow checkout']);
    const notDebug = await queryRange('{app="pino-app"} != "fast" | level!="debug"');
    expect(notDebug.data.result.flatMap((s) => s.values)).toHaveLength(2);
  });

  it('lists labels and label values like Loki', async () => {
    const labels = await (await app.fetch(`${app.url}/loki/api/v1/labels`)).json();
    expect(labels).toEqual({ status: 'success', data: expect.arrayContaining(['app', 'level']) });
    const values = await (await app.fetch(`${app.url}/loki/api/v1/label/app/values`)).json();
    expect(values).toEqual({ status: 'success', data: ['pino-app', 'winston-app'] });
    const scoped = await (await app.fetch(`${app.url}/loki/api/v1/label/level/values?query=${encodeURIComponent('{app="pino-app"}')}`)).json();
    expect(scoped.data).toEqual(['debug', 'error', 'info']);
    const series = await (
      await app.fetch(`${app.url}/loki/api/v1/series`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams([
          ['match[]', '{app="pino-app", level="error"}'],
          ['match[]', '{app="winston-app", level="warn"}'],
        ]),
      })
    ).json();
    expect(series).toEqual({
      status: 'success',
      data: [
        // pino-loki adds the host name as a label.
        { app: 'pino-app', level: 'error', hostname: expect.any(String) },
        { app: 'winston-app', level: 'warn' },
      ],
    });
  });

  it('refuses pushes without a valid token', async () => {
    const body = JSON.stringify({ streams: [{ stream: { app: 'x' }, values: [[`${Date.now()}000000`, 'x']] }] });
    const none = await fetch(`${app.url}/loki/api/v1/push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Basic realm="tracehound", Bearer realm="tracehound"');
    const wrong = await fetch(`${app.url}/loki/api/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer nope' },
      body,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic realm="tracehound", Bearer/);
    expect((await queryRange('{app="x"}')).data.result).toEqual([]);
  });
});
