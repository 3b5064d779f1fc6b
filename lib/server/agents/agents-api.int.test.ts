// The dashboard's agent routes over real HTTP and real PostgreSQL, with a real agent shipping captures to
// them: registration, health, leases held in the database, halt, and capture storage with scrubbing.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { startRouteServer, type RouteServer } from '@/test/support/route-server';
import { CONTROL_TOKEN, startTestAgent, startUpstream, type TestAgent, type Upstream } from '@/test/support/agent-harness';
import type { Database } from '../db/database';

let testDb: TestDatabase;
let dashboard: RouteServer;
let upstream: Upstream;
let agent: TestAgent;
let db: Database;
let LEASE_TTL_MS: number;

const SECRETS = { bearer: 'Bearer sk_live_bearer_7f3a', cookie: 'sid=cookie-secret-91', session: 'x-session-secret-55', query: 'qs-secret-token-12', card: '4111111111111111' };

beforeAll(async () => {
  testDb = await createTestDatabase('th_agent_test');
  process.env.DATABASE_URL = testDb.url;
  process.env.DB_POOL_SIZE = '3';
  // The route handlers are called as the anonymous admin (accounts are not what these tests are about).
  process.env.AUTH_MODE = 'off';
  const { getDatabase } = await import('../db/get-database');
  db = await getDatabase();
  ({ LEASE_TTL_MS } = await import('./agent-leases'));
  dashboard = await startRouteServer({
    '/api/agents': await import('@/app/api/agents/route'),
    '/api/agents/halt': await import('@/app/api/agents/halt/route'),
    '/api/agents/[name]': await import('@/app/api/agents/[name]/route'),
    '/api/agents/[name]/faults': await import('@/app/api/agents/[name]/faults/route'),
    '/api/agents/[name]/halt': await import('@/app/api/agents/[name]/halt/route'),
    '/api/agents/[name]/lease': await import('@/app/api/agents/[name]/lease/route'),
    '/api/agent-captures': await import('@/app/api/agent-captures/route'),
    '/api/agent-captures/[id]': await import('@/app/api/agent-captures/[id]/route'),
  });
  upstream = await startUpstream();
  agent = await startTestAgent({
    name: 'edge-1',
    dashboard: { url: dashboard.url, token: 'api-token' },
    caps: { maxCaptureBodyBytes: 1024 },
    scrub: { headers: ['x-session'], queryParams: ['token'], jsonPaths: ['card.number'] },
    routes: [{ name: 'payment', protocol: 'http', upstream: upstream.url, capture: { sampleRate: 1 } }],
  });
});

afterAll(async () => {
  await agent?.stop();
  await upstream?.close();
  await dashboard?.close();
  await db?.close();
  await testDb?.drop();
});

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${dashboard.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

describe('agents API', () => {
  it('registers an agent (admin), never returns its token, and refuses bad input and duplicates', async () => {
    const created = await api('POST', '/api/agents', { name: 'edge-1', url: agent.control, token: CONTROL_TOKEN, environment: 'staging' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'edge-1', url: agent.control, environment: 'staging' });
    expect(JSON.stringify(created.json)).not.toContain(CONTROL_TOKEN);
    expect((await api('POST', '/api/agents', { name: 'edge-1', url: agent.control, token: CONTROL_TOKEN, environment: 'staging' })).status).toBe(409);
    const bad = await api('POST', '/api/agents', { name: 'x', url: 'ftp://h', token: CONTROL_TOKEN, environment: 'staging' });
    expect([bad.status, bad.json.error.message]).toEqual([400, 'url: must be an http(s) URL without credentials (the agent control API)']);
    expect((await api('POST', '/api/agents', { name: 'y', url: agent.control, token: 'short', environment: 'staging' })).json.error.message).toBe(
      'token: must be at least 16 characters (the agent control token)',
    );
    const audit = await db.pool.query<{ action: string; target: string }>("SELECT action, target FROM audit_log WHERE action = 'agent.register'");
    expect(audit.rows).toEqual([{ action: 'agent.register', target: 'edge-1' }]);
  });

  it('lists agents with live health, routes and faults', async () => {
    const { json } = await api('GET', '/api/agents');
    expect(json.agents).toHaveLength(1);
    expect(json.agents[0]).toMatchObject({ name: 'edge-1', reachable: true, status: { name: 'edge-1', routes: [{ name: 'payment', protocol: 'http' }], faults: [] } });
    expect(JSON.stringify(json)).not.toContain(CONTROL_TOKEN);
  });

  it('holds a lease from the database; when nobody renews it the agent reverts within TTL + 1 s', async () => {
    const held = await api('PUT', '/api/agents/edge-1/lease', { holder: 'run-1', holdSeconds: 600 });
    expect(held.status).toBe(200);
    expect((agent.agent.status().lease as { ttlMs: number }).ttlMs).toBe(LEASE_TTL_MS);
    expect((await agent.call('POST', '/tracehound/routes/payment/faults', { type: 'error', status: 500, durationMs: 300_000 })).status).toBe(201);
    // No dashboard instance runs the renewal loop here: as if every instance had been killed.
    const t0 = Date.now();
    while (agent.agent.registry.list().length > 0 && Date.now() - t0 < LEASE_TTL_MS + 3_000) await new Promise((r) => setTimeout(r, 50));
    expect(agent.agent.registry.list()).toEqual([]);
    expect(Date.now() - t0).toBeLessThanOrEqual(LEASE_TTL_MS + 1_000);
    expect((await fetch(`${agent.routeUrl('payment')}/ok`)).status).toBe(200);
  }, 20_000);

  it("injects a fault through the dashboard, holding the lease in the database; the agent's 4xx comes back", async () => {
    const created = await api('POST', '/api/agents/edge-1/faults', { route: 'payment', holder: 'run-9', fault: { type: 'error', status: 502, durationMs: 60_000, runId: 'run-9' } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ route: 'payment', type: 'error', status: 502, runId: 'run-9' });
    expect((await fetch(`${agent.routeUrl('payment')}/x`)).status).toBe(502);
    const lease = await db.pool.query<{ holder: string; secs: number }>("SELECT holder, extract(epoch FROM hold_until - now())::int AS secs FROM agent_leases WHERE holder = 'run-9'");
    expect(lease.rows[0]!.holder).toBe('run-9');
    expect(lease.rows[0]!.secs).toBeGreaterThan(60);
    const bad = await api('POST', '/api/agents/edge-1/faults', { route: 'payment', holder: 'run-9', fault: { type: 'latency', delayMs: -1, durationMs: 1000 } });
    expect([bad.status, bad.json.error.message]).toEqual([400, 'agent edge-1: delayMs: must be zero or more ms']);
    const unknown = await api('POST', '/api/agents/edge-1/faults', { route: 'nope', holder: 'run-9', fault: { type: 'abort', durationMs: 1000 } });
    expect([unknown.status, unknown.json.error.message]).toEqual([404, 'agent edge-1: no route named "nope" is configured']);
    expect((await api('POST', '/api/agents/edge-1/faults', { route: 'payment', holder: 'run-9', fault: { type: 'abort' } })).status).toBe(400);
    const audit = await db.pool.query<{ outcome: string }>("SELECT outcome FROM audit_log WHERE action = 'agent.fault.inject' ORDER BY id");
    expect(audit.rows.map((r) => r.outcome)).toEqual(['success', 'failure', 'failure', 'failure']);
    await api('POST', '/api/agents/edge-1/halt');
  });

  it('halts an agent: faults reverted now, lease rows dropped', async () => {
    await api('PUT', '/api/agents/edge-1/lease', { holder: 'run-2', holdSeconds: 600 });
    await agent.call('POST', '/tracehound/routes/payment/faults', { type: 'abort', durationMs: 300_000 });
    const halted = await api('POST', '/api/agents/edge-1/halt');
    expect(halted.json).toEqual({ agent: 'edge-1', reached: true, reverted: 1, error: null });
    expect((await db.pool.query('SELECT * FROM agent_leases')).rows).toEqual([]);
    expect((await api('POST', '/api/agents/nope/halt')).status).toBe(404);
    expect((await api('POST', '/api/agents/halt')).json.results).toEqual([{ agent: 'edge-1', reached: true, reverted: 0, error: null }]);
  });
});

describe('captures', () => {
  it('stores scrubbed captures, looked up by trace and span id; no clear secret reaches the database', async () => {
    const traceId = 'aa'.repeat(16);
    const clientSpan = 'bb'.repeat(8);
    const body = JSON.stringify({ card: { number: SECRETS.card }, amount: 12 });
    const res = await fetch(`${agent.routeUrl('payment')}/echo?token=${SECRETS.query}&x=1`, {
      method: 'POST',
      headers: { authorization: SECRETS.bearer, cookie: SECRETS.cookie, 'x-session': SECRETS.session, 'content-type': 'application/json', traceparent: `00-${traceId}-${clientSpan}-01` },
      body,
    });
    expect(await res.text()).toBe(body);
    await agent.agent.shipper!.flush();

    const byTrace = await api('GET', `/api/agent-captures?traceId=${traceId}`);
    expect(byTrace.json.captures).toHaveLength(1);
    const capture = byTrace.json.captures[0];
    const redacted = (v: string) => `REDACTED-${createHash('sha256').update(v).digest('hex').slice(0, 16)}`;
    expect(capture).toMatchObject({ agent: 'edge-1', route: 'payment', traceId, parentSpanId: clientSpan, response: { status: 200 } });
    expect(capture.request.headers.authorization).toBe(redacted(SECRETS.bearer));
    expect(capture.request.headers.cookie).toBe(redacted(SECRETS.cookie));
    expect(capture.request.headers['x-session']).toBe(redacted(SECRETS.session));
    expect(capture.request.url).toBe(`/echo?token=${redacted(SECRETS.query)}&x=1`);
    expect(JSON.parse(Buffer.from(capture.request.body, 'base64').toString())).toEqual({ card: { number: redacted(SECRETS.card) }, amount: 12 });
    expect(capture.response.headers['set-cookie']).toEqual(redacted('session=upstream-secret'));
    // Looked up by the agent's span and by the caller's span alike.
    expect((await api('GET', `/api/agent-captures?traceId=${traceId}&spanId=${capture.spanId}`)).json.captures).toHaveLength(1);
    expect((await api('GET', `/api/agent-captures?traceId=${traceId}&spanId=${clientSpan}`)).json.captures).toHaveLength(1);
    expect((await api('GET', `/api/agent-captures?traceId=${traceId}&spanId=${'cc'.repeat(8)}`)).json.captures).toHaveLength(0);
    // By id, as the agent's span names it (tracehound.capture.id).
    expect((await api('GET', `/api/agent-captures/${capture.id}`)).json).toEqual(capture);
    expect((await api('GET', `/api/agent-captures/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`)).status).toBe(404);
    expect((await api('GET', '/api/agent-captures/not-a-uuid')).status).toBe(400);

    const { rows } = await db.pool.query<{ row: string; request: { body: string | null }; response: { body: string | null } | null }>('SELECT t::text AS row, request, response FROM agent_captures t');
    const everything = rows.map((r) => [r.row, Buffer.from(r.request.body ?? '', 'base64').toString(), Buffer.from(r.response?.body ?? '', 'base64').toString()].join('\n')).join('\n');
    for (const secret of [...Object.values(SECRETS), 'sk_live_bearer_7f3a', 'upstream-secret']) expect(everything).not.toContain(secret);
  });

  it('truncates large bodies and records the real size', async () => {
    const traceId = 'dd'.repeat(16);
    await fetch(`${agent.routeUrl('payment')}/echo`, { method: 'POST', headers: { traceparent: `00-${traceId}-${'ee'.repeat(8)}-01`, 'content-type': 'text/plain' }, body: 'z'.repeat(200_000) }).then(
      (r) => r.arrayBuffer(),
    );
    await agent.agent.shipper!.flush();
    const [capture] = (await api('GET', `/api/agent-captures?traceId=${traceId}`)).json.captures;
    expect([capture.request.bodySize, capture.request.bodyTruncated, Buffer.from(capture.request.body, 'base64').length]).toEqual([200_000, true, 1024]);
    expect([capture.response.bodySize, capture.response.bodyTruncated]).toEqual([200_000, true]);
  });

  it('records a client that went away mid-body, and the agent keeps serving', async () => {
    const traceId = 'ab'.repeat(16);
    const controller = new AbortController();
    const response = await fetch(`${agent.routeUrl('payment')}/bytes/${64 * 1024 * 1024}`, { headers: { traceparent: `00-${traceId}-${'cd'.repeat(8)}-01` }, signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await reader.cancel().catch(() => {});
    let captures: { error: string | null; response: { status: number; bodyTruncated: boolean } | null }[] = [];
    for (let i = 0; i < 100 && captures.length === 0; i++) {
      await agent.agent.shipper!.flush();
      captures = (await api('GET', `/api/agent-captures?traceId=${traceId}`)).json.captures;
      if (captures.length === 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(captures.map((c) => [c.error, c.response?.status, c.response?.bodyTruncated])).toEqual([['client went away', 200, true]]);
    expect((await fetch(`${agent.routeUrl('payment')}/after`)).status).toBe(200);
  });

  it('captures nothing for unsampled traffic', async () => {
    await agent.call('PUT', '/tracehound/routes/payment/capture', { sampleRate: 0 });
    await agent.agent.shipper!.flush();
    const before = (await db.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM agent_captures')).rows[0]!.n;
    for (let i = 0; i < 20; i++) await fetch(`${agent.routeUrl('payment')}/x`).then((r) => r.arrayBuffer());
    await agent.agent.shipper!.flush();
    expect((await db.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM agent_captures')).rows[0]!.n).toBe(before);
    await agent.call('PUT', '/tracehound/routes/payment/capture', { sampleRate: 1 });
  });

  it('drops captures with a count when the dashboard is down, without failing traffic', async () => {
    const down = await startTestAgent(
      {
        dashboard: { url: 'http://127.0.0.1:1', token: 'api-token' },
        caps: { captureQueueMax: 5, captureBatchMax: 2 },
        routes: [{ name: 'payment', protocol: 'http', upstream: upstream.url, capture: { sampleRate: 1 } }],
      },
      { tracer: null },
    );
    try {
      const statuses = [];
      for (let i = 0; i < 30; i++) statuses.push(await fetch(`${down.routeUrl('payment')}/x`).then(async (r) => (await r.arrayBuffer(), r.status)));
      await down.agent.shipper!.flush();
      expect(statuses.every((s) => s === 200)).toBe(true);
      const stats = down.agent.shipper!.view();
      expect([stats.shipped, stats.dropped, stats.queued]).toEqual([0, 30, 0]);
      expect(stats.lastError).toMatch(/fetch failed|ECONNREFUSED/);
    } finally {
      await down.stop();
    }
  });

  it('rejects malformed capture batches with a 400 naming the field', async () => {
    const bad = await api('POST', '/api/agent-captures', { captures: [{ id: 'nope' }] });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/^captures\.0\.id: /);
    expect((await api('GET', '/api/agent-captures?traceId=xyz')).status).toBe(400);
  });
});

describe('unregistering', () => {
  it('deletes an agent with its lease rows (admin), 404 for an unknown one', async () => {
    await api('PUT', '/api/agents/edge-1/lease', { holder: 'run-3', holdSeconds: 60 });
    expect((await db.pool.query('SELECT * FROM agent_leases')).rows).toHaveLength(1);
    expect((await api('DELETE', '/api/agents/edge-1')).status).toBe(204);
    expect((await db.pool.query('SELECT * FROM agent_leases')).rows).toEqual([]);
    expect((await api('GET', '/api/agents')).json.agents).toEqual([]);
    expect((await api('DELETE', '/api/agents/edge-1')).status).toBe(404);
  });
});
