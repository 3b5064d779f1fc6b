// Replay over real HTTP and real PostgreSQL, with real upstream servers on loopback: targets (admin, secrets
// encrypted), replays of captures with fresh trace context and a noise-cancelled response diff, imports, the
// role and method rules, and the SSRF guards — each refusal a clear 4xx with an audit entry and nothing sent.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { startRouteServer, type RouteServer } from '@/test/support/route-server';
import type { CaptureRecord } from '@/lib/domain/agent/capture-record';
import type { Database } from '../db/database';

const SECRET = 'sk_test_clear_secret_value_4242';
const TRACE = 'aa'.repeat(16);
const SPAN = 'bb'.repeat(8);

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

interface Upstream {
  url: string;
  port: number;
  seen: Seen[];
  connections: number;
  close(): Promise<void>;
}

async function listen(handler: (req: IncomingMessage, body: string, res: import('node:http').ServerResponse) => void): Promise<Upstream> {
  const seen: Seen[] = [];
  const state = { connections: 0 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, body, res);
    });
  });
  server.on('connection', () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let testDb: TestDatabase;
let db: Database;
let dashboard: RouteServer;
let staging: Upstream;
let elsewhere: Upstream;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  testDb = await createTestDatabase('th_replay_test');
  process.env.DATABASE_URL = testDb.url;
  process.env.DB_POOL_SIZE = '3';
  process.env.AUTH_MODE = 'on';
  process.env.REPLAY_UNSAFE_ENABLED = 'true';
  process.env.REPLAY_SECRETS_KEY = 'test-replay-secrets-key-0123456789abcdef';
  process.env.REPLAY_TIMEOUT_MS = '1500';
  process.env.REPLAY_MAX_RESPONSE_BYTES = '4096';
  const { getDatabase } = await import('../db/get-database');
  db = await getDatabase();
  const { createApiToken } = await import('../auth/api-tokens');
  for (const role of ['viewer', 'responder', 'operator', 'admin'] as const) tokens[role] = (await createApiToken(db.pool, { name: role, scope: role, createdBy: 'test' })).token;
  dashboard = await startRouteServer({
    '/api/replay-targets': await import('@/app/api/replay-targets/route'),
    '/api/replay-targets/[id]': await import('@/app/api/replay-targets/[id]/route'),
    '/api/replays': await import('@/app/api/replays/route'),
    '/api/replays/import': await import('@/app/api/replays/import/route'),
    '/api/replays/[id]': await import('@/app/api/replays/[id]/route'),
  });
  elsewhere = await listen((_req, _body, res) => res.end('should never be reached'));
  staging = await listen((req, body, res) => {
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': randomUUID(), ...headers });
      res.end(JSON.stringify(value));
    };
    if (req.url === '/api/orders/1') return json(200, { order: { id: 1, state: 'declined' }, at: new Date().toISOString() });
    if (req.url === '/api/echo') return json(200, { authorization: req.headers.authorization ?? null });
    if (req.url === '/api/pay') return json(201, { paid: true, body });
    if (req.url === '/old') return json(302, {}, { location: '/api/orders/1' });
    if (req.url === '/away') return json(302, {}, { location: `${elsewhere.url}/steal` });
    if (req.url === '/api/barrier') {
      // Answers only when three requests are waiting: a run sending one at a time would time out here.
      barrier.push(() => json(200, { together: true }));
      if (barrier.length === 3) barrier.splice(0).forEach((answer) => answer());
      return;
    }
    if (req.url === '/api/traced') {
      // Like an instrumented service: reports its spans under the incoming traceparent, a little later.
      const traceId = String(req.headers.traceparent).split('-')[1]!;
      setTimeout(() => void reportSpans(traceId), 100);
      return json(200, { ok: true });
    }
    if (req.url === '/api/quote') return json(200, { price: 10, nonce: Math.random().toString(36).slice(2, 9) }, { 'x-served-by': Math.random().toString(36).slice(2, 6) });
    if (req.url === '/big') return json(200, { blob: 'x'.repeat(20_000) });
    if (req.url === '/slow') return; // never answers: the replay's timeout ends it
    json(404, { error: 'not found' });
  });
  const { storeCaptures } = await import('../agents/store-captures');
  const capture = (id: string, method: string, url: string, response: unknown): CaptureRecord => ({
    id,
    agent: 'edge-1',
    route: 'shop',
    shadowOf: null,
    traceId: TRACE,
    spanId: SPAN,
    parentSpanId: null,
    faultId: null,
    startedAt: '2026-11-28T10:00:00.000Z',
    durationMs: 12,
    request: {
      method,
      url,
      headers: { authorization: 'REDACTED-0123456789abcdef', traceparent: `00-${TRACE}-${SPAN}-01`, accept: 'application/json' },
      body: method === 'POST' ? Buffer.from('{"amount":5}').toString('base64') : null,
      bodySize: method === 'POST' ? 12 : 0,
      bodyTruncated: false,
      bodyWithheld: null,
    },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json', date: 'Sat, 28 Nov 2026 10:00:00 GMT' },
      body: Buffer.from(JSON.stringify(response)).toString('base64'),
      bodySize: 10,
      bodyTruncated: false,
      bodyWithheld: null,
    },
    error: null,
  });
  await storeCaptures(db.pool, 'default', [
    capture(CAPTURE_GET, 'GET', 'http://shop.internal/api/orders/1', { order: { id: 1, state: 'paid' }, at: '2026-11-28T10:00:00.000Z' }),
    capture(CAPTURE_POST, 'POST', '/api/pay', { paid: true }),
  ]);
});

const CAPTURE_GET = randomUUID();
const barrier: (() => void)[] = [];

async function reportSpans(traceId: string) {
  const { writeSpans } = await import('../spans/write-spans');
  const { makeSpan } = await import('@/test/support/make-span');
  await writeSpans(db.pool, [makeSpan({ traceId, spanId: '31'.repeat(8), serviceName: 'shop' }), makeSpan({ traceId, spanId: '32'.repeat(8), parentSpanId: '31'.repeat(8), serviceName: 'payment' })]);
}
const CAPTURE_POST = randomUUID();

afterAll(async () => {
  await dashboard?.close();
  await staging?.close();
  await elsewhere?.close();
  await db?.close();
  await testDb?.drop();
});

async function api(role: string, method: string, path: string, body?: unknown, contentType = 'application/json') {
  const res = await fetch(`${dashboard.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[role]}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function lastAudit(action: string) {
  const { rows } = await db.pool.query<{ outcome: string; actor_name: string; details: Record<string, unknown> }>(
    'SELECT outcome, actor_name, details FROM audit_log WHERE action = $1 ORDER BY id DESC LIMIT 1',
    [action],
  );
  return rows[0];
}

const LOOPBACK = ['127.0.0.1', '::1'];

describe('replay targets', () => {
  it('an admin adds a target; its secret is encrypted at rest and never returned', async () => {
    const created = await api('admin', 'POST', '/api/replay-targets', {
      name: 'staging',
      baseUrl: `http://localhost:${staging.port}`,
      environment: 'staging',
      allowedMethods: ['GET', 'HEAD', 'POST'],
      allowedAddresses: LOOPBACK,
      secrets: { API_KEY: SECRET },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'staging', environment: 'staging', secretNames: ['API_KEY'] });
    expect(JSON.stringify(created.json)).not.toContain(SECRET);
    const stored = await db.pool.query<{ row: string }>('SELECT replay_targets::text AS row FROM replay_targets');
    expect(stored.rows[0]!.row).not.toContain(SECRET);
    expect(JSON.stringify((await api('viewer', 'GET', '/api/replay-targets')).json)).not.toContain(SECRET);
    expect((await lastAudit('replay.target.create'))?.actor_name).toBe('admin');
  });

  it('refuses bad targets with a message naming the field, and non-admins with 403', async () => {
    const bad = await api('admin', 'POST', '/api/replay-targets', { name: 'x', baseUrl: 'http://user:pw@127.0.0.1:1', environment: 'dev' });
    expect([bad.status, bad.json.error.message]).toEqual([400, 'baseUrl: must be an http(s) URL without credentials, query or fragment']);
    expect((await api('admin', 'POST', '/api/replay-targets', { name: 'x', baseUrl: 'file:///etc/passwd', environment: 'dev' })).status).toBe(400);
    const cidr = await api('admin', 'POST', '/api/replay-targets', { name: 'x', baseUrl: 'http://127.0.0.1:1', environment: 'dev', allowedAddresses: ['127.0.0.1/40'] });
    expect(cidr.json.error.message).toMatch(/127\.0\.0\.1\/40.*prefix/);
    expect((await api('operator', 'POST', '/api/replay-targets', { name: 'y', baseUrl: 'http://127.0.0.1:1', environment: 'dev' })).status).toBe(403);
    expect((await api('admin', 'POST', '/api/replay-targets', { name: 'staging', baseUrl: 'http://127.0.0.1:1', environment: 'dev' })).status).toBe(409);
  });
});

describe('a replay run', () => {
  it('replays a capture with a fresh traceparent, fills secrets, and diffs the answer without noise', async () => {
    const before = staging.seen.length;
    const run = await api('responder', 'POST', '/api/replays', {
      target: 'staging',
      source: { kind: 'captures', captureIds: [CAPTURE_GET] },
      options: { setHeaders: { authorization: 'Bearer {{secret.API_KEY}}' } },
    });
    expect(run.status).toBe(201);
    expect(run.json.totals).toMatchObject({ requests: 1, sent: 1, responseDiffers: 1, identical: 0 });
    const sent = staging.seen.slice(before);
    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual(['GET /api/orders/1']);
    expect(sent[0]!.headers.authorization).toBe(`Bearer ${SECRET}`);
    const traceparent = String(sent[0]!.headers.traceparent);
    expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(traceparent).not.toContain(TRACE);
    expect(sent[0]!.headers.baggage).toBe(`tracehound.replay.run=${run.json.id},tracehound.replay.of=${TRACE}`);

    const detail = await api('viewer', 'GET', `/api/replays/${run.json.id}`);
    const [request] = detail.json.requests;
    expect(request).toMatchObject({ originalTraceId: TRACE, newTraceId: traceparent.slice(3, 35), outcome: 'differs' });
    // The date header, the x-request-id and the timestamp differ too, but they are noise.
    expect(request.diff).toMatchObject({
      status: { differs: false },
      headers: [],
      body: { kind: 'json', changes: [{ path: 'order.state', kind: 'changed', original: 'paid', replayed: 'declined' }] },
    });
    expect(request.request.headers.authorization).toBe('Bearer {{secret.API_KEY}}');
    expect(await lastAudit('replay.run')).toMatchObject({ outcome: 'success', actor_name: 'responder' });
  });

  it('never stores a secret the upstream echoes back', async () => {
    const run = await api('responder', 'POST', '/api/replays', {
      target: 'staging',
      source: { kind: 'request', request: { method: 'GET', url: '/api/echo', headers: { authorization: '{{secret.API_KEY}}' } } },
    });
    expect(run.status).toBe(201);
    expect(staging.seen.at(-1)!.headers.authorization).toBe(SECRET);
    const all = await db.pool.query<{ t: string }>("SELECT string_agg(r::text, '') AS t FROM replay_run_requests r");
    expect(all.rows[0]!.t).not.toContain(SECRET);
    expect(all.rows[0]!.t).not.toContain(Buffer.from(SECRET).toString('base64').slice(0, 20));
    const detail = (await api('viewer', 'GET', `/api/replays/${run.json.id}`)).json;
    expect(JSON.stringify(detail)).not.toContain(SECRET);
    expect(JSON.parse(Buffer.from(detail.requests[0].response.body, 'base64').toString())).toEqual({ authorization: expect.stringMatching(/^REDACTED-[0-9a-f]{16}$/) });
    const fill = await api('responder', 'POST', '/api/replays', {
      target: 'staging',
      source: { kind: 'request', request: { method: 'GET', url: '/api/echo', headers: { authorization: '{{secret.NOPE}}' } } },
    });
    const failed = await api('viewer', 'GET', `/api/replays/${fill.json.id}`);
    expect(failed.json.requests[0]).toMatchObject({ outcome: 'error', error: '{{secret.NOPE}}: target "staging" has no secret named NOPE' });
  });

  it('skips unsafe methods without the opt-in and counts them; nothing is sent', async () => {
    const before = staging.seen.length;
    const run = await api('responder', 'POST', '/api/replays', { target: 'staging', source: { kind: 'captures', captureIds: [CAPTURE_GET, CAPTURE_POST] } });
    expect(run.status).toBe(201);
    expect(run.json.totals).toMatchObject({ requests: 2, sent: 1, skippedUnsafe: 1 });
    expect(staging.seen.slice(before).map((s) => s.method)).toEqual(['GET']);
  });

  it('refuses the unsafe opt-in to a responder (403, audited); an operator may', async () => {
    const before = staging.seen.length;
    const denied = await api('responder', 'POST', '/api/replays', { target: 'staging', source: { kind: 'captures', captureIds: [CAPTURE_POST] }, options: { allowUnsafe: true } });
    expect([denied.status, denied.json.error.message]).toEqual([403, 'Replaying unsafe methods (POST, PUT, PATCH, DELETE) needs the operator role; you are responder.']);
    expect(await lastAudit('replay.run.start')).toMatchObject({ outcome: 'denied', actor_name: 'responder' });
    expect(staging.seen.length).toBe(before);
    const allowed = await api('operator', 'POST', '/api/replays', { target: 'staging', source: { kind: 'captures', captureIds: [CAPTURE_POST] }, options: { allowUnsafe: true } });
    expect(allowed.status).toBe(201);
    expect(staging.seen.slice(before).map((s) => `${s.method} ${s.url} ${s.body}`)).toEqual(['POST /api/pay {"amount":5}']);
  });

  it('refuses a production target to a responder and every run to a viewer', async () => {
    expect((await api('admin', 'POST', '/api/replay-targets', { name: 'prod', baseUrl: staging.url, environment: 'production', allowedAddresses: LOOPBACK })).status).toBe(201);
    const before = staging.connections;
    const prod = await api('responder', 'POST', '/api/replays', { target: 'prod', source: { kind: 'captures', captureIds: [CAPTURE_GET] } });
    expect([prod.status, prod.json.error.message]).toEqual([403, 'Replays against the production target "prod" need the operator role; you are responder.']);
    expect(await lastAudit('replay.run.start')).toMatchObject({ outcome: 'denied' });
    const unsafeProd = await api('operator', 'POST', '/api/replays', { target: 'prod', source: { kind: 'captures', captureIds: [CAPTURE_POST] }, options: { allowUnsafe: true } });
    expect(unsafeProd.json.error.message).toBe('Unsafe methods are never replayed against a production target ("prod").');
    expect((await api('viewer', 'POST', '/api/replays', { target: 'staging', source: { kind: 'captures', captureIds: [CAPTURE_GET] } })).status).toBe(403);
    expect(staging.connections).toBe(before);
  });

  it('follows a redirect within the target, caps the body, and times out a silent upstream', async () => {
    const run = await api('responder', 'POST', '/api/replays', { target: 'staging', source: { kind: 'request', request: { method: 'GET', url: '/old' } } });
    const moved = (await api('viewer', 'GET', `/api/replays/${run.json.id}`)).json.requests[0];
    expect(moved.response.status).toBe(200);
    const big = (
      await api(
        'viewer',
        'GET',
        `/api/replays/${(await api('responder', 'POST', '/api/replays', { target: 'staging', source: { kind: 'request', request: { method: 'GET', url: '/big' } } })).json.id}`,
      )
    ).json.requests[0];
    expect(big.response).toMatchObject({ bodyTruncated: true });
    expect(Buffer.from(big.response.body, 'base64').length).toBe(4096);
    const slow = (
      await api(
        'viewer',
        'GET',
        `/api/replays/${(await api('responder', 'POST', '/api/replays', { target: 'staging', source: { kind: 'request', request: { method: 'GET', url: '/slow' } } })).json.id}`,
      )
    ).json.requests[0];
    expect(slow).toMatchObject({ outcome: 'error', error: 'GET /slow: no answer within 1500 ms' });
  });
});

describe('baseline noise cancelling', () => {
  it('sends each request twice to a baseline; what its answers disagree on is not reported for the candidate', async () => {
    await api('admin', 'POST', '/api/replay-targets', { name: 'baseline', baseUrl: staging.url, environment: 'dev', allowedAddresses: LOOPBACK });
    const request = { method: 'GET', url: '/api/quote', headers: {} };
    const plain = await api('responder', 'POST', '/api/replays', { target: 'staging', source: { kind: 'request', request } });
    // Nothing recorded and no baseline: nothing to compare.
    expect(plain.json.totals).toMatchObject({ sent: 1, identical: 0, responseDiffers: 0 });
    const before = staging.seen.length;
    const run = await api('responder', 'POST', '/api/replays', { target: 'staging', source: { kind: 'request', request }, options: { baseline: 'baseline' } });
    expect(run.status).toBe(201);
    expect(staging.seen.length - before).toBe(3);
    expect(staging.seen.slice(before).map((s) => String(s.headers.baggage).includes('tracehound.replay.baseline=true'))).toEqual([false, true, true]);
    const [result] = (await api('viewer', 'GET', `/api/replays/${run.json.id}`)).json.requests;
    // The nonce and x-served-by differ on every answer: learned as noise, so the candidate matches the baseline.
    expect(result).toMatchObject({ outcome: 'identical', diff: { againstBaseline: true, noise: { headers: ['x-served-by'], paths: ['nonce'] } } });
  });

  it('refuses a production baseline to a responder', async () => {
    const run = await api('responder', 'POST', '/api/replays', { target: 'staging', source: { kind: 'captures', captureIds: [CAPTURE_GET] }, options: { baseline: 'prod' } });
    expect([run.status, run.json.error.message]).toEqual([403, 'Replays against the production target "prod" need the operator role; you are responder.']);
  });
});

describe('a span without a capture', () => {
  it('is rebuilt from its HTTP attributes (body unknown) and compared by status', async () => {
    const { writeSpans } = await import('../spans/write-spans');
    const { makeSpan } = await import('@/test/support/make-span');
    const trace = 'cc'.repeat(16);
    await writeSpans(db.pool, [
      makeSpan({
        traceId: trace,
        spanId: 'dd'.repeat(8),
        name: 'GET /api/orders/:id',
        kind: 2,
        attributes: {
          'http.request.method': { stringValue: 'GET' },
          'url.path': { stringValue: '/api/orders/1' },
          'http.request.header.accept': { arrayValue: { values: [{ stringValue: 'application/json' }] } },
          'http.response.status_code': { intValue: '500' },
        },
      }),
    ]);
    const before = staging.seen.length;
    const run = await api('responder', 'POST', '/api/replays', { target: 'staging', source: { kind: 'trace', traceId: trace } });
    expect(run.status).toBe(201);
    expect(staging.seen.slice(before).map((s) => [s.url, s.headers.accept])).toEqual([['/api/orders/1', 'application/json']]);
    const [request] = (await api('viewer', 'GET', `/api/replays/${run.json.id}`)).json.requests;
    expect(request).toMatchObject({
      originalTraceId: trace,
      originalSpanId: 'dd'.repeat(8),
      request: { bodyUnknown: true },
      outcome: 'differs',
      diff: { status: { original: 500, replayed: 200, differs: true }, body: { kind: 'unknown' } },
    });
    // The replayed trace arrives later (here: written as the staging service would report it); the run shows both.
    expect(request.traces).toEqual({ original: expect.objectContaining({ spanCount: 1, errorCount: 0 }), replayed: null });
    await writeSpans(db.pool, [
      makeSpan({ traceId: request.newTraceId, spanId: '11'.repeat(8), serviceName: 'shop' }),
      makeSpan({ traceId: request.newTraceId, spanId: '22'.repeat(8), parentSpanId: '11'.repeat(8), serviceName: 'payment', statusCode: 2 }),
    ]);
    const later = (await api('viewer', 'GET', `/api/replays/${run.json.id}`)).json.requests[0];
    expect(later.traces.replayed).toMatchObject({ spanCount: 2, errorCount: 1, services: expect.arrayContaining(['shop', 'payment']) });
    const missing = await api('responder', 'POST', '/api/replays', { target: 'staging', source: { kind: 'trace', traceId: 'ee'.repeat(16) } });
    expect([missing.status, missing.json.error.message]).toEqual([404, `No trace ${'ee'.repeat(16)}.`]);
  });
});

describe('concurrency', () => {
  it('keeps up to options.concurrency requests in flight', async () => {
    const jsonl = Array.from({ length: 3 }, () => JSON.stringify({ method: 'GET', url: '/api/barrier' })).join('\n');
    const imported = await api('responder', 'POST', '/api/replays/import', jsonl, 'application/x-ndjson');
    const run = await api('responder', 'POST', '/api/replays', { target: 'staging', source: { kind: 'import', importId: imported.json.id }, options: { concurrency: 3, requestsPerSecond: 50 } });
    expect(run.json.totals).toMatchObject({ requests: 3, sent: 3, errors: 0 });
    const detail = (await api('viewer', 'GET', `/api/replays/${run.json.id}`)).json;
    expect(detail.requests.map((r: { seq: number; response: { status: number } }) => [r.seq, r.response.status])).toEqual([
      [0, 200],
      [1, 200],
      [2, 200],
    ]);
  });
});

describe('waiting for the replayed traces', () => {
  it('waits until the new trace stops growing, and says when nothing arrived by the deadline', async () => {
    const run = await api('responder', 'POST', '/api/replays', {
      target: 'staging',
      source: { kind: 'request', request: { method: 'GET', url: '/api/traced' } },
      options: { settleMs: 300, settleDeadlineMs: 20_000 },
    });
    expect(run.json.totals.traces).toEqual({ settled: true, received: 1 });
    const [request] = (await api('viewer', 'GET', `/api/replays/${run.json.id}`)).json.requests;
    expect(request.traces.replayed).toMatchObject({ spanCount: 2, services: expect.arrayContaining(['shop', 'payment']) });
    const silent = await api('responder', 'POST', '/api/replays', {
      target: 'staging',
      source: { kind: 'request', request: { method: 'GET', url: '/api/echo' } },
      options: { settleMs: 100, settleDeadlineMs: 300 },
    });
    expect(silent.json.totals.traces).toEqual({ settled: false, received: 0 });
  });
});

describe('sources: a search result and a time window', () => {
  it('replays the requests behind several traces, leaving out traces with nothing to replay', async () => {
    const run = await api('responder', 'POST', '/api/replays', { target: 'staging', source: { kind: 'traces', traceIds: [TRACE, 'cc'.repeat(16), 'ef'.repeat(16)] } });
    expect(run.status).toBe(201);
    const detail = (await api('viewer', 'GET', `/api/replays/${run.json.id}`)).json;
    expect(detail.requests.map((r: { originalTraceId: string; request: { method: string; url: string } }) => `${r.originalTraceId.slice(0, 2)} ${r.request.method} ${r.request.url}`).sort()).toEqual([
      'aa GET /api/orders/1',
      'aa POST /api/pay',
      'cc GET /api/orders/1',
    ]);
    expect(detail.totals).toMatchObject({ requests: 3, sent: 2, skippedUnsafe: 1 });
  });

  it('replays the captures of a time window, and refuses one larger than the run cap', async () => {
    const window = { kind: 'window', from: '2026-11-28T09:59:00Z', to: '2026-11-28T10:01:00Z' };
    const run = await api('responder', 'POST', '/api/replays', { target: 'staging', source: window });
    expect(run.json.totals).toMatchObject({ requests: 2, sent: 1, skippedUnsafe: 1 });
    const capped = await api('responder', 'POST', '/api/replays', { target: 'staging', source: window, options: { maxRequests: 1 } });
    expect([capped.status, capped.json.error.message]).toEqual([400, 'the source holds more than 1 requests; a run sends at most options.maxRequests = 1 (up to 200): narrow the source or raise it']);
    const empty = await api('responder', 'POST', '/api/replays', { target: 'staging', source: { ...window, from: '2026-11-28T11:00:00Z', to: '2026-11-28T10:00:00Z' } });
    expect([empty.status, empty.json.error.message]).toEqual([400, 'source.from: from must be before to']);
  });
});

describe('SSRF guards', () => {
  it('refuses a host that resolves to an address the target does not allow; nothing is sent', async () => {
    await api('admin', 'POST', '/api/replay-targets', { name: 'rebound', baseUrl: `http://localhost:${staging.port}`, environment: 'staging', allowedAddresses: ['10.0.0.0/8'] });
    const before = staging.connections;
    const run = await api('responder', 'POST', '/api/replays', { target: 'rebound', source: { kind: 'captures', captureIds: [CAPTURE_GET] } });
    expect(run.status).toBe(403);
    expect(run.json.error.message).toMatch(/^Replay refused: target host localhost resolves to .*127\.0\.0\.1.*, not allowed for this target \(allowed: 10\.0\.0\.0\/8\)$/);
    expect(staging.connections).toBe(before);
    expect(await lastAudit('replay.run')).toMatchObject({ outcome: 'denied' });
    const stored = await api('viewer', 'GET', `/api/replays/${run.json.error.runId ?? run.json.error.details?.runId}`);
    expect(stored.json).toMatchObject({ status: 'refused', totals: { refused: 1, sent: 0 } });
  });

  it('admits only public addresses when a target lists none (loopback is refused)', async () => {
    await api('admin', 'POST', '/api/replay-targets', { name: 'public-only', baseUrl: staging.url, environment: 'dev' });
    const before = staging.connections;
    const run = await api('responder', 'POST', '/api/replays', { target: 'public-only', source: { kind: 'request', request: { method: 'GET', url: '/api/orders/1' } } });
    expect([run.status, run.json.error.message]).toEqual([403, 'Replay refused: target host 127.0.0.1 resolves to 127.0.0.1, not allowed for this target (allowed: public addresses only)']);
    expect(staging.connections).toBe(before);
  });

  it('refuses a redirect to another host and stops the run; the other host gets nothing', async () => {
    const run = await api('responder', 'POST', '/api/replays', { target: 'staging', source: { kind: 'request', request: { method: 'GET', url: '/away' } } });
    expect([run.status, run.json.error.message]).toEqual([403, `Replay refused: redirect to another host refused: ${elsewhere.url} (the target is http://localhost:${staging.port})`]);
    expect(elsewhere.connections).toBe(0);
  });

  it('keeps a request path on the target: an absolute or protocol-relative path cannot change the host', async () => {
    const run = await api('responder', 'POST', '/api/replays', { target: 'staging', source: { kind: 'request', request: { method: 'GET', url: `${elsewhere.url}/steal` } } });
    expect(run.status).toBe(201);
    expect(staging.seen.at(-1)!.url).toBe('/steal');
    const slashes = await api('responder', 'POST', '/api/replays', { target: 'staging', source: { kind: 'request', request: { method: 'GET', url: `//127.0.0.1:${elsewhere.port}/steal` } } });
    const detail = await api('viewer', 'GET', `/api/replays/${slashes.json.id}`);
    expect(detail.json.requests[0].error).toMatch(/request path must start with a single "\/"/);
    expect(elsewhere.connections).toBe(0);
  });
});

describe('imports', () => {
  const har = (entries: unknown[]) => ({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } });
  const entry = (method: string, url: string, headers: { name: string; value: string }[], postData?: unknown) => ({
    startedDateTime: '2026-11-28T10:00:00.000Z',
    time: 5,
    request: { method, url, httpVersion: 'HTTP/1.1', cookies: [], headers, queryString: [], headersSize: -1, bodySize: -1, ...(postData ? { postData } : {}) },
    response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', cookies: [], headers: [], content: { size: 0, mimeType: 'application/json' }, redirectURL: '', headersSize: -1, bodySize: -1 },
    cache: {},
    timings: { send: 0, wait: 5, receive: 0 },
  });

  it('imports a HAR, scrubbed before storage, and replays it', async () => {
    const file = har([
      entry('GET', 'https://shop.example/api/orders/1?token=qs-secret-99', [
        { name: 'Cookie', value: 'sid=cookie-secret-7' },
        { name: 'Accept', value: 'application/json' },
      ]),
    ]);
    const imported = await api('responder', 'POST', '/api/replays/import?scrubParams=token', file);
    expect(imported.status).toBe(201);
    expect(imported.json.requests[0].request).toMatchObject({
      method: 'GET',
      url: expect.stringMatching(/^\/api\/orders\/1\?token=REDACTED-[0-9a-f]{16}$/),
      headers: { cookie: expect.stringMatching(/^REDACTED-/), accept: 'application/json' },
    });
    const rows = await db.pool.query<{ t: string }>('SELECT requests::text AS t FROM replay_imports');
    expect(rows.rows.map((r) => r.t).join()).not.toMatch(/cookie-secret-7|qs-secret-99/);
    const run = await api('responder', 'POST', '/api/replays', { target: 'staging', source: { kind: 'import', importId: imported.json.id } });
    expect(run.json.totals).toMatchObject({ requests: 1, sent: 1 });
    expect((await lastAudit('replay.import'))?.details).toEqual({ format: 'har', requests: 1 });
  });

  it('refuses an invalid HAR and names what is wrong', async () => {
    const bad = await api('responder', 'POST', '/api/replays/import', { log: { version: '1.2', entries: [] } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/^not a valid HAR 1\.2 file: .*creator/);
    expect((await api('viewer', 'POST', '/api/replays/import', har([]))).status).toBe(403);
  });

  it('imports the replay middleware JSON lines, and names a bad line', async () => {
    const lines = [
      JSON.stringify({ method: 'GET', url: '/api/orders/1', headers: { Authorization: 'Bearer jl-secret-1' }, body: null, timestamp: 1764324000000 }),
      JSON.stringify({ method: 'POST', url: 'http://shop/api/pay', headers: { 'content-type': 'application/json' }, body: '{"amount":5}', timestamp: '2026-11-28T10:00:01Z' }),
    ].join('\n');
    const imported = await api('responder', 'POST', '/api/replays/import', lines, 'application/x-ndjson');
    expect(imported.status).toBe(201);
    expect(imported.json.requests.map((r: { request: { method: string; url: string } }) => `${r.request.method} ${r.request.url}`)).toEqual(['GET /api/orders/1', 'POST /api/pay']);
    expect(JSON.stringify(imported.json)).not.toContain('jl-secret-1');
    const run = await api('responder', 'POST', '/api/replays', { target: 'staging', source: { kind: 'import', importId: imported.json.id } });
    expect(run.json.totals).toMatchObject({ requests: 2, sent: 1, skippedUnsafe: 1 });
    const bad = await api('responder', 'POST', '/api/replays/import', `${lines}\n{"method":"GET"}`, 'application/x-ndjson');
    expect([bad.status, bad.json.error.message]).toEqual([400, 'line 3: url: Invalid input: expected string, received undefined']);
  });
});

describe('removing a target', () => {
  it('is admin-only, audited, and past runs keep the target name', async () => {
    expect((await api('operator', 'DELETE', '/api/replay-targets/public-only')).status).toBe(403);
    expect((await api('admin', 'DELETE', '/api/replay-targets/public-only')).status).toBe(204);
    expect((await api('admin', 'DELETE', '/api/replay-targets/public-only')).status).toBe(404);
    expect(await lastAudit('replay.target.delete')).toMatchObject({ outcome: 'success', actor_name: 'admin' });
    const runs = (await api('viewer', 'GET', '/api/replays')).json.runs as { targetName: string; status: string }[];
    expect(runs.filter((r) => r.targetName === 'public-only').map((r) => r.status)).toEqual(['refused']);
    const gone = await api('responder', 'POST', '/api/replays', { target: 'public-only', source: { kind: 'captures', captureIds: [CAPTURE_GET] } });
    expect([gone.status, gone.json.error.message]).toEqual([404, 'No replay target "public-only".']);
  });
});
