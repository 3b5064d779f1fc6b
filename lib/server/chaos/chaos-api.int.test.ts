// Chaos runs over real HTTP (the route handlers on loopback, accounts on), real PostgreSQL and a real agent in
// front of a real upstream, whose spans reach the dashboard over OTLP: validation and refusals, dry run,
// versioned experiments, a stop condition read from those spans aborting a run, halt and halt-all, a run that
// completes with before/during/after indicators — and every action in the audit trail.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { startRouteServer, type RouteServer } from '@/test/support/route-server';
import { CONTROL_TOKEN, startTestAgent, startUpstream, type TestAgent, type Upstream } from '@/test/support/agent-harness';
import type { Database } from '../db/database';

let testDb: TestDatabase;
let dashboard: RouteServer;
let upstream: Upstream;
let agent: TestAgent;
let db: Database;
let stopEngine: () => void;
const tokens: Record<string, string> = {};

const SELECTION = '{ resource.service.name = "tracehound-agent" && span.tracehound.route = "payment" }';

beforeAll(async () => {
  testDb = await createTestDatabase('th_chaos_test');
  Object.assign(process.env, {
    DATABASE_URL: testDb.url,
    DB_POOL_SIZE: '4',
    AUTH_MODE: 'on',
    CHAOS_ENABLED: 'true',
    CHAOS_MAX_DURATION_SECONDS: '120',
    TRACEHOUND_URL: 'https://tracehound.example.test',
  });
  const { getDatabase } = await import('../db/get-database');
  db = await getDatabase();
  const { createApiToken } = await import('../auth/api-tokens');
  for (const scope of ['viewer', 'operator', 'admin', 'ingest'] as const) tokens[scope] = (await createApiToken(db.pool, { name: scope, scope, createdBy: 'test' })).token;
  dashboard = await startRouteServer({
    '/v1/traces': await import('@/app/v1/traces/route'),
    '/api/agents': await import('@/app/api/agents/route'),
    '/api/chaos/experiments': await import('@/app/api/chaos/experiments/route'),
    '/api/chaos/experiments/[id]': await import('@/app/api/chaos/experiments/[id]/route'),
    '/api/chaos/experiments/[id]/chaos-mesh': await import('@/app/api/chaos/experiments/[id]/chaos-mesh/route'),
    '/api/chaos/runs': await import('@/app/api/chaos/runs/route'),
    '/api/chaos/runs/[id]': await import('@/app/api/chaos/runs/[id]/route'),
    '/api/chaos/runs/[id]/halt': await import('@/app/api/chaos/runs/[id]/halt/route'),
    '/api/chaos/runs/[id]/report': await import('@/app/api/chaos/runs/[id]/report/route'),
    '/api/chaos/halt': await import('@/app/api/chaos/halt/route'),
  });
  upstream = await startUpstream();
  agent = await startTestAgent({ name: 'edge-1', dashboard: { url: dashboard.url, token: tokens.ingest }, routes: [{ name: 'payment', protocol: 'http', upstream: upstream.url }] });
  // This test process is the dashboard instance: it renews leases and drives runs, as start-server does.
  const { scheduleLeaseRenewal } = await import('../agents/agent-leases');
  const { scheduleChaosEngine, stopChaosEngine } = await import('./run-engine');
  scheduleLeaseRenewal(db.pool);
  scheduleChaosEngine(db.pool, 300);
  stopEngine = stopChaosEngine;
  for (const [name, environment] of [
    ['edge-1', 'staging'],
    ['prod-1', 'production'],
  ]) {
    expect((await api('POST', '/api/agents', { name, url: agent.control, token: CONTROL_TOKEN, environment }, 'admin')).status).toBe(201);
  }
});

afterAll(async () => {
  stopEngine?.();
  await agent?.stop();
  await upstream?.close();
  await dashboard?.close();
  await db?.close();
  await testDb?.drop();
});

async function api(method: string, path: string, body?: unknown, role = 'operator') {
  const res = await fetch(`${dashboard.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[role]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

function experiment(overrides: Record<string, unknown> = {}) {
  return {
    name: 'payment errors',
    hypothesis: { indicators: [{ name: 'payment errors', selection: SELECTION, metric: 'error_ratio', max: 0.05 }] },
    method: [{ agent: 'edge-1', route: 'payment', fault: { type: 'error', status: 503, probability: 1 } }],
    durationSeconds: 60,
    stopConditions: [{ name: 'payment error ratio', selection: SELECTION, metric: 'error_ratio', operator: '>', threshold: 0.2, windowSeconds: 10, minSpans: 5 }],
    baselineSeconds: 60,
    recoverySeconds: 1,
    ...overrides,
  };
}

/** Sends requests through the agent and ships its spans until `done` (bounded by `rounds`). */
async function trafficUntil(done: () => Promise<boolean>, rounds = 60): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // Each request is the caller's span of a new trace (the agent traces only requests that carry one).
    for (let j = 0; j < 5; j++) {
      const traceparent = `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
      statuses.push(await fetch(`${agent.routeUrl('payment')}/pay`, { headers: { traceparent } }).then(async (r) => (await r.arrayBuffer(), r.status)));
    }
    await agent.agent.tracer!.flush();
    if (await done()) return statuses;
    await new Promise((r) => setTimeout(r, 250));
  }
  const spans = (await db.pool.query('SELECT service_name, name, attributes, status_code FROM spans ORDER BY start_time_unix_nano DESC LIMIT 2')).rows;
  const runs = (await db.pool.query('SELECT status, state, journal FROM chaos_runs ORDER BY created_at DESC LIMIT 1')).rows;
  throw new Error(`condition not reached after ${rounds} rounds: ${JSON.stringify({ spans, runs })}`);
}

async function audit(action: string) {
  return (
    await db.pool.query<{ outcome: string; actor_name: string; target: string | null; details: Record<string, unknown> }>(
      'SELECT outcome, actor_name, target, details FROM audit_log WHERE action = $1 ORDER BY id',
      [action],
    )
  ).rows;
}

describe('refusals', () => {
  it('names the field of malformed experiments (400) and refuses a duration above the cap', async () => {
    const missing = await api('POST', '/api/chaos/runs', { ...experiment(), durationSeconds: undefined });
    expect([missing.status, missing.json.error.message]).toEqual([400, 'durationSeconds: durationSeconds is required (the run length in seconds)']);
    expect((await api('POST', '/api/chaos/runs', experiment({ durationSeconds: 121 }))).json.error.message).toBe('durationSeconds: must be at most 120 s (CHAOS_MAX_DURATION_SECONDS)');
    const badFault = await api('POST', '/api/chaos/runs', experiment({ method: [{ agent: 'edge-1', route: 'payment', fault: { type: 'latency' } }] }));
    expect([badFault.status, badFault.json.error.field]).toEqual([400, 'method.0.fault.delayMs']);
    const noFinding = await api('POST', '/api/chaos/runs', experiment({ hypothesis: { indicators: [{ name: 'x', selection: SELECTION, metric: 'finding_count', max: 0 }] } }));
    expect(noFinding.json.error.message).toBe('hypothesis.indicators.0.finding: finding is required with metric finding_count');
    const badQuery = await api('POST', '/api/chaos/runs', experiment({ stopConditions: [{ name: 'x', selection: '{ name = }', metric: 'p95', operator: '>', threshold: 1 }] }));
    expect([badQuery.status, badQuery.json.error.field]).toEqual([400, 'stopConditions.0.selection']);
    expect((await api('POST', '/api/chaos/runs', experiment({ method: [{ agent: 'nope', route: 'payment', fault: { type: 'abort' } }] }))).json.error.message).toBe(
      'method.0.agent: no agent named "nope" is registered',
    );
    expect((await api('POST', '/api/chaos/runs', experiment({ method: [{ agent: 'edge-1', route: 'orders', fault: { type: 'abort' } }] }))).json.error.message).toBe(
      'method.0.route: agent "edge-1" has no route "orders"',
    );
    expect((await api('POST', '/api/chaos/runs', '{"name":')).status).toBe(400);
    expect((await db.pool.query('SELECT * FROM chaos_runs')).rows).toEqual([]);
    expect(agent.agent.registry.list()).toEqual([]);
    expect((await audit('chaos.run.start')).every((a) => a.outcome === 'failure')).toBe(true);
  });

  it('lets a viewer watch but not start or halt (403)', async () => {
    expect((await api('POST', '/api/chaos/runs', experiment(), 'viewer')).status).toBe(403);
    expect((await api('POST', '/api/chaos/halt', undefined, 'viewer')).status).toBe(403);
    expect((await api('GET', '/api/chaos/runs', undefined, 'viewer')).status).toBe(200);
  });

  it('refuses a production-labelled agent unless enabled', async () => {
    const res = await api('POST', '/api/chaos/runs', experiment({ method: [{ agent: 'prod-1', route: 'payment', fault: { type: 'abort' } }] }));
    expect(res.status).toBe(403);
    expect(res.json.error.message).toMatch(/prod-1 are labelled production; chaos against production is off/);
    expect(agent.agent.registry.list()).toEqual([]);
  });
});

describe('experiments', () => {
  it('saves, versions, exports and re-imports an experiment', async () => {
    const first = await api('POST', '/api/chaos/experiments', experiment());
    expect([first.status, first.json.version]).toEqual([201, 1]);
    const second = await api('PUT', `/api/chaos/experiments/${first.json.id}`, experiment({ description: 'v2' }));
    expect(second.json.version).toBe(2);
    const exported = await api('GET', `/api/chaos/experiments/${first.json.id}`, undefined, 'viewer');
    expect(exported.json.definition.description).toBe('v2');
    expect(exported.json.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const reimported = await api('POST', '/api/chaos/experiments', exported.json.definition);
    expect([reimported.status, reimported.json.id, reimported.json.version]).toEqual([200, first.json.id, 3]);
    expect((await api('POST', '/api/chaos/experiments', { ...experiment(), extra: 1 })).json.error.message).toMatch(/^body: |extra/);
    expect((await audit('chaos.experiment.save')).length).toBe(3);
    const mesh = await fetch(`${dashboard.url}/api/chaos/experiments/${first.json.id}/chaos-mesh?namespace=shop&port=8080`, { headers: { authorization: `Bearer ${tokens.viewer}` } });
    const docs = parseAllDocuments(await mesh.text()).map((d) => d.toJS());
    expect(docs.filter(Boolean)).toEqual([
      expect.objectContaining({
        kind: 'HTTPChaos',
        spec: expect.objectContaining({ mode: 'all', port: 8080, replace: { code: 503 }, selector: { namespaces: ['shop'], labelSelectors: { app: 'payment' } } }),
      }),
    ]);
    expect((await api('GET', `/api/chaos/experiments/${first.json.id}/chaos-mesh?namespace=Bad_NS`)).json.error.field).toBe('namespace');
  });
});

describe('runs', () => {
  it('dry run: validates, resolves, reads the baseline, injects nothing', async () => {
    const res = await api('POST', '/api/chaos/runs', { ...experiment(), dryRun: true });
    expect(res.status).toBe(201);
    const run = (await api('GET', `/api/chaos/runs/${res.json.id}`, undefined, 'viewer')).json;
    expect(run).toMatchObject({ status: 'completed', dryRun: true, faults: [] });
    expect(run.indicators.before).toHaveLength(1);
    expect(run.journal.map((j: { step: string }) => j.step)).toEqual(['run.start', 'targets.resolve', 'steady-state.before', 'run.complete']);
    expect(agent.agent.registry.list()).toEqual([]);
  });

  it('aborts on a stop condition read from the agent spans, reverts the faults, and requests succeed again', async () => {
    const res = await api(
      'POST',
      '/api/chaos/runs',
      experiment({
        hypothesis: {
          indicators: [
            { name: 'payment errors', selection: SELECTION, metric: 'error_ratio', max: 0.05 },
            // "No new finding of type root-cause-error" in the payment traces.
            { name: 'no root causes', selection: SELECTION, metric: 'finding_count', finding: 'root-cause-error', max: 0 },
          ],
        },
      }),
    );
    expect(res.status).toBe(201);
    const id = res.json.id;
    expect(agent.agent.registry.list().map((f) => f.type)).toEqual(['error']);
    const statuses = await trafficUntil(async () => (await api('GET', `/api/chaos/runs/${id}`)).json.status === 'aborted');
    expect(statuses).toContain(503);
    const run = (await api('GET', `/api/chaos/runs/${id}`)).json;
    expect(run.abortReason).toMatch(/^stop condition "payment error ratio" breached: error_ratio = 1 > 0.2 over \d+ spans$/);
    expect(run.faults[0]).toMatchObject({ agent: 'edge-1', route: 'payment', error: null });
    // The live chart's series: every evaluation, the last one the breach.
    expect(run.checks.length).toBeGreaterThan(0);
    expect(run.checks.at(-1).values).toEqual([1]);
    expect(run.faults[0].revertedAt).not.toBeNull();
    expect(agent.agent.registry.list()).toEqual([]);
    expect((await fetch(`${agent.routeUrl('payment')}/pay`)).status).toBe(200);
    expect(run.traces.faulted.length).toBeGreaterThan(0);
    expect(run.traces.faultedRequests).toBeGreaterThanOrEqual(5);
    expect(run.indicators.during[0].value).toBe(1);
    // The agent's operation in the per-operation comparison: every request during the run failed.
    const op = run.comparison.find((c: { service: string }) => c.service === 'tracehound-agent');
    expect(op.during.errorRate).toBe(1);
    expect(op.during.count).toBe(run.traces.faultedRequests);
    // The analysis engine on the faulted traces: the injected error is a root cause only they show.
    const rootCause = run.findings.find((f: { type: string }) => f.type === 'root-cause-error');
    expect(rootCause).toMatchObject({ onlyFaulted: true, cleanTraces: 0 });
    expect(rootCause.faultedTraces).toBeGreaterThan(0);
    expect(rootCause.example.summary).toMatch(/injected error/);
    expect(run.traces.faulted).toContain(rootCause.example.traceId);
    const report = await fetch(`${dashboard.url}/api/chaos/runs/${id}/report?format=md`, { headers: { authorization: `Bearer ${tokens.viewer}` } });
    expect(report.headers.get('content-type')).toMatch(/^text\/markdown/);
    const markdown = await report.text();
    expect(markdown).toContain('- Status: **aborted** — stop condition "payment error ratio" breached');
    expect(markdown).toContain(`(https://tracehound.example.test/traces/${rootCause.example.traceId})`);
    expect((await api('GET', `/api/chaos/runs/${id}/report?format=pdf`)).json.error.message).toBe('format: must be md or json');
    expect(run.indicators.before[1]).toMatchObject({ metric: 'finding_count', value: 0 });
    expect(run.indicators.during[1].value).toBeGreaterThan(0);
    expect(run.verdict).toMatch(/steady state deviated: payment errors 1 > 0.05; no root causes \d+ > 0/);
    expect((await db.pool.query('SELECT * FROM agent_leases')).rows).toEqual([]);
    expect((await audit('chaos.run.start')).filter((a) => a.target === id)).toHaveLength(1);
    expect(await audit('chaos.run.abort')).toEqual([expect.objectContaining({ outcome: 'success', actor_name: 'tracehound chaos engine', target: id })]);
  }, 60_000);

  it('halts a run during injection at once; halting again changes nothing', async () => {
    const res = await api(
      'POST',
      '/api/chaos/runs',
      experiment({ name: 'slow payment', stopConditions: [], method: [{ agent: 'edge-1', route: 'payment', fault: { type: 'latency', delayMs: 300, probability: 0.5 } }] }),
    );
    const id = res.json.id;
    expect(agent.agent.registry.list().map((f) => f.type)).toEqual(['latency']);
    expect((await api('POST', `/api/chaos/runs/${id}/halt`)).json).toEqual({ id, halted: true });
    expect(agent.agent.registry.list()).toEqual([]);
    expect((await api('POST', `/api/chaos/runs/${id}/halt`)).json).toEqual({ id, halted: false });
    const run = (await api('GET', `/api/chaos/runs/${id}`)).json;
    expect([run.status, run.abortReason]).toEqual(['aborted', 'halted by operator']);
    expect((await audit('chaos.run.halt')).map((a) => a.details.halted)).toEqual([true, false]);
  });

  it('halt all aborts every active run and clears every agent', async () => {
    const a = (await api('POST', '/api/chaos/runs', experiment({ name: 'a', stopConditions: [] }))).json.id;
    await agent.call('POST', '/tracehound/routes/payment/faults', { type: 'abort', durationMs: 60_000 });
    const halted = (await api('POST', '/api/chaos/halt')).json;
    expect(halted.runs).toEqual([a]);
    expect(agent.agent.registry.list()).toEqual([]);
    expect((await api('POST', '/api/chaos/halt')).json.runs).toEqual([]);
    expect((await audit('chaos.halt-all')).length).toBe(2);
  });

  it('completes a short run: faults end on time, indicators before/during/after and a verdict', async () => {
    const res = await api(
      'POST',
      '/api/chaos/runs',
      experiment({ name: 'short', durationSeconds: 2, stopConditions: [], method: [{ agent: 'edge-1', route: 'payment', fault: { type: 'latency', delayMs: 50 } }] }),
    );
    const id = res.json.id;
    await trafficUntil(async () => (await api('GET', `/api/chaos/runs/${id}`)).json.status === 'completed', 40);
    const run = (await api('GET', `/api/chaos/runs/${id}`)).json;
    expect(Object.keys(run.indicators).sort()).toEqual(['after', 'before', 'during']);
    expect(run.indicators.during[0].spans).toBeGreaterThan(0);
    expect(run.verdict).toMatch(/^steady state held/);
    expect(agent.agent.registry.list()).toEqual([]);
    expect(run.journal.map((j: { step: string }) => j.step)).toContain('run.complete');
  }, 40_000);
});

describe('an agent refusing a fault', () => {
  it('fails the run (nothing half-injected is left running) and says why', async () => {
    const strict = await startTestAgent({ name: 'edge-strict', caps: { maxFaultMs: 5_000, defaultToxicMs: 5_000 }, routes: [{ name: 'payment', protocol: 'http', upstream: upstream.url }] });
    try {
      expect((await api('POST', '/api/agents', { name: 'edge-strict', url: strict.control, token: CONTROL_TOKEN, environment: 'staging' }, 'admin')).status).toBe(201);
      const res = await api(
        'POST',
        '/api/chaos/runs',
        experiment({ name: 'too long for the agent', stopConditions: [], method: [{ agent: 'edge-strict', route: 'payment', fault: { type: 'abort' } }] }),
      );
      const run = (await api('GET', `/api/chaos/runs/${res.json.id}`)).json;
      expect(run.status).toBe('failed');
      expect(run.abortReason).toMatch(/^agent edge-strict refused the fault on payment: /);
      expect(strict.agent.registry.list()).toEqual([]);
      expect((await db.pool.query('SELECT * FROM agent_leases')).rows).toEqual([]);
      expect((await audit('chaos.run.fail')).map((a) => a.target)).toEqual([res.json.id]);
    } finally {
      await strict.stop();
    }
  });
});

describe('several instances', () => {
  it('any instance advances a run, one at a time; a lock left by a dead instance lapses and another finishes the run', async () => {
    stopEngine();
    const { engineTick } = await import('./run-engine');
    const id = (
      await api(
        'POST',
        '/api/chaos/runs',
        experiment({ name: 'takeover', durationSeconds: 1, recoverySeconds: 0, stopConditions: [], method: [{ agent: 'edge-1', route: 'payment', fault: { type: 'latency', delayMs: 10 } }] }),
      )
    ).json.id;
    // An instance died while advancing the run: its lock is still held, so nobody else advances it.
    await db.pool.query("UPDATE chaos_runs SET driver = 'instance-a', advancing_until = now() + interval '1 minute' WHERE id = $1", [id]);
    expect(await engineTick(db.pool, 'instance-b')).toBe(0);
    // The lock lapses: instance-b finishes the run.
    await db.pool.query("UPDATE chaos_runs SET advancing_until = now() - interval '1 second' WHERE id = $1", [id]);
    for (let i = 0; i < 20 && (await api('GET', `/api/chaos/runs/${id}`)).json.status !== 'completed'; i++) {
      expect(await engineTick(db.pool, 'instance-b')).toBe(1);
      await new Promise((r) => setTimeout(r, 200));
    }
    const run = (await db.pool.query<{ status: string; driver: string; advancing_until: Date | null }>('SELECT status, driver, advancing_until FROM chaos_runs WHERE id = $1', [id])).rows[0];
    expect(run).toEqual({ status: 'completed', driver: 'instance-b', advancing_until: null });
    expect(agent.agent.registry.list()).toEqual([]);
  });
});
