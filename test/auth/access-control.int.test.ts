// Accounts and access over real HTTP against the built app on real PostgreSQL: every route file × every role,
// tenants on every read API, tokens, sessions, CSRF, the audit trail and security headers.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { makeSpan } from '../support/make-span';
import { otlpJsonFromSpans } from '../support/otlp-json-from-spans';
import { routeInventory } from './route-inventory';

// Routes anyone may call: health for load balancers; better-auth's own endpoints and the one-time setup
// (each checks its own credential); ingest (ingest tokens, tested in ingest suites and below).
const PUBLIC = new Set([
  'app/api/health/route.ts',
  'app/api/auth/[...all]/route.ts',
  'app/api/setup/route.ts',
  'app/v1/traces/route.ts',
  'app/v1/metrics/route.ts',
  'app/v1/logs/route.ts',
  'app/api/v2/spans/route.ts',
  'app/api/v1/spans/route.ts',
  'app/loki/api/v1/push/route.ts',
]);

// Routes that change something, with the least role allowed. A new mutating route must be added here.
const MUTATIONS: Record<string, 'responder' | 'operator' | 'admin'> = {
  'POST app/api/admin/users/route.ts': 'admin',
  'PATCH app/api/admin/users/[userId]/route.ts': 'admin',
  'DELETE app/api/admin/users/[userId]/sessions/route.ts': 'admin',
  'POST app/api/tokens/route.ts': 'admin',
  'DELETE app/api/tokens/[tokenId]/route.ts': 'admin',
  'POST app/api/agents/route.ts': 'admin',
  'DELETE app/api/agents/[name]/route.ts': 'admin',
  'POST app/api/agents/halt/route.ts': 'operator',
  'POST app/api/agents/[name]/halt/route.ts': 'operator',
  'PUT app/api/agents/[name]/lease/route.ts': 'operator',
  'POST app/api/agents/[name]/faults/route.ts': 'operator',
  'DELETE app/api/agents/[name]/lease/route.ts': 'operator',
  'POST app/api/agent-captures/route.ts': 'operator',
  'POST app/api/investigations/route.ts': 'responder',
  'PATCH app/api/investigations/[investigationId]/route.ts': 'responder',
  'DELETE app/api/investigations/[investigationId]/route.ts': 'admin',
  'POST app/api/investigations/[investigationId]/items/route.ts': 'responder',
  'PATCH app/api/investigations/[investigationId]/items/[itemId]/route.ts': 'responder',
  'DELETE app/api/investigations/[investigationId]/items/[itemId]/route.ts': 'admin',
  'POST app/api/investigations/[investigationId]/postmortem/route.ts': 'responder',
  'POST app/api/replay-targets/route.ts': 'admin',
  'DELETE app/api/replay-targets/[id]/route.ts': 'admin',
  'POST app/api/replays/route.ts': 'responder',
  'POST app/api/replays/import/route.ts': 'responder',
  'POST app/api/chaos/experiments/route.ts': 'operator',
  'PUT app/api/chaos/experiments/[id]/route.ts': 'operator',
  'POST app/api/chaos/runs/route.ts': 'operator',
  'POST app/api/chaos/runs/[id]/halt/route.ts': 'operator',
  'POST app/api/chaos/halt/route.ts': 'operator',
};
// Read routes that are admin-only although they change nothing.
const ADMIN_READS = new Set(['GET app/api/admin/users/route.ts', 'GET app/api/tokens/route.ts', 'GET app/api/audit/route.ts']);
// POSTs that only read (Loki's query API accepts form-encoded POSTs, as Grafana sends them).
const READ_POSTS = /^POST app\/loki\/api\/v1\/(query|query_range|labels|series|label\/\[name\]\/values)\/route\.ts$/;

const ROLES = ['viewer', 'responder', 'operator', 'admin'] as const;
const PASSWORD = 'correct-horse-battery';

let db: TestDatabase;
let app: AppServer;
let client: pg.Client;
const tokens: Record<string, string> = {};

async function mintToken(role: string, tenant: string | null = null): Promise<{ token: string; id: string }> {
  const res = await app.fetch(`${app.url}/api/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: `${role}-${tenant ?? 'all'}`, role, tenant }) });
  expect(res.status).toBe(201);
  const body = await res.json();
  return { token: body.token, id: body.record.id };
}

async function lastAudit(action: string): Promise<{ outcome: string; actor_name: string; details: Record<string, unknown> } | undefined> {
  const { rows } = await client.query(`SELECT outcome, actor_name, details FROM audit_log WHERE action = $1 ORDER BY id DESC LIMIT 1`, [action]);
  return rows[0];
}

function bearer(token: string, extra: Record<string, string> = {}): RequestInit {
  return { headers: { authorization: `Bearer ${token}`, ...extra } };
}

async function sendTrace(tenant: string, traceId: string, service: string): Promise<void> {
  const body = otlpJsonFromSpans([makeSpan({ traceId, spanId: traceId.slice(0, 16), serviceName: service, name: `GET /${service}` })]);
  const res = await fetch(`${app.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-scope-orgid': tenant }, body });
  expect(res.status).toBe(200);
}

async function signIn(email: string, password: string): Promise<Response> {
  return fetch(`${app.url}/api/auth/sign-in/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin: app.url }, body: JSON.stringify({ email, password }) });
}

function sessionCookie(res: Response): string {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tracehound.session_token='));
  expect(cookie).toBeDefined();
  return cookie!.split(';')[0]!;
}

beforeAll(async () => {
  db = await createTestDatabase('th_access');
  app = await startAppServer({ DATABASE_URL: db.url, SIGNIN_MAX_FAILURES: '3' });
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  for (const role of ROLES) tokens[role] = (await mintToken(role)).token;
  for (const role of ['viewer', 'operator']) {
    const res = await app.fetch(`${app.url}/api/admin/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${role}@example.com`, password: PASSWORD, role }),
    });
    expect(res.status).toBe(201);
  }
});

afterAll(async () => {
  await client?.end();
  await app?.stop();
  await db?.drop();
});

describe('every route file', () => {
  const routes = routeInventory();

  it('finds the route files (the inventory reads the tree)', () => {
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.map((r) => r.file)).toContain('app/api/search/route.ts');
  });

  it('refuses a caller without credentials on every non-public route (401 with a message)', async () => {
    const unguarded: string[] = [];
    for (const route of routes.filter((r) => !PUBLIC.has(r.file))) {
      for (const method of route.methods) {
        const res = await fetch(`${app.url}${route.url}`, { method, headers: method === 'GET' ? {} : { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
        if (res.status !== 401) unguarded.push(`${method} ${route.file} → ${res.status}`);
        else {
          // Our envelope, or Jaeger's on /jaeger/api/*.
          const body = (await res.json()) as { error?: { message: string }; errors?: Array<{ msg: string }> };
          expect(body.error?.message ?? body.errors?.[0]?.msg).toMatch(/sign in|token/i);
        }
      }
    }
    expect(unguarded).toEqual([]);
  });

  it('lists every mutating route with its role, and each refuses the roles below it (403) and admits the rest', async () => {
    const problems: string[] = [];
    for (const route of routes.filter((r) => !PUBLIC.has(r.file))) {
      for (const method of route.methods) {
        const key = `${method} ${route.file}`;
        const mutating = method !== 'GET' && !READ_POSTS.test(key);
        const needed = mutating ? MUTATIONS[key] : ADMIN_READS.has(key) ? 'admin' : 'viewer';
        if (!needed) {
          problems.push(`${key} changes something but has no entry in MUTATIONS`);
          continue;
        }
        for (const role of ROLES) {
          const res = await fetch(`${app.url}${route.url}`, {
            method,
            headers: { authorization: `Bearer ${tokens[role]}`, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
            body: method === 'GET' ? undefined : '{}',
          });
          const allowed = ROLES.indexOf(role) >= ROLES.indexOf(needed);
          if (allowed && (res.status === 401 || res.status === 403)) problems.push(`${key} refused ${role} (${res.status})`);
          if (!allowed && res.status !== 403) problems.push(`${key} let ${role} through (${res.status})`);
          if (res.status >= 500) problems.push(`${key} as ${role}: ${res.status}`);
        }
      }
    }
    expect(problems).toEqual([]);
    const denied = await lastAudit('auth.forbidden');
    expect(denied?.outcome).toBe('denied');
  });

  it('keeps /api/health public and free of data', async () => {
    const res = await fetch(`${app.url}/api/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(['database', 'status', 'version']);
  });
});

describe('tenants', () => {
  const A = 'a1'.repeat(16);
  const B = 'b2'.repeat(16);
  let teamA: string;

  beforeAll(async () => {
    await sendTrace('team-a', A, 'alpha');
    await sendTrace('team-b', B, 'bravo');
    teamA = (await mintToken('viewer', 'team-a')).token;
  });

  it('a tenant-bound viewer reads its tenant on every read API', async () => {
    const search = await (await fetch(`${app.url}/api/search?q=${encodeURIComponent('{ }')}`, bearer(teamA))).json();
    expect(search.traces.map((t: { traceId: string }) => t.traceId)).toEqual([A]);
    expect((await fetch(`${app.url}/api/traces/${A}`, bearer(teamA))).status).toBe(200);
    expect((await fetch(`${app.url}/api/traces/${B}`, bearer(teamA))).status).toBe(404);
    expect((await fetch(`${app.url}/api/traces/${A}/attributes-of-interest`, bearer(teamA))).status).toBe(200);
    expect((await fetch(`${app.url}/api/traces/${B}/attributes-of-interest`, bearer(teamA))).status).toBe(404);
    // The trace page's details on demand and attribute find (span id = the trace id's first 16 hex, see sendTrace).
    for (const [trace, status] of [
      [A, 200],
      [B, 404],
    ] as const) {
      for (const path of [`/api/traces/${trace}/spans/${trace.slice(0, 16)}`, `/api/traces/${trace}/spans?ids=${trace.slice(0, 16)}`, `/api/traces/${trace}/find?q=get`]) {
        expect((await fetch(`${app.url}${path}`, bearer(teamA))).status, path).toBe(status);
      }
    }
    const services = await (await fetch(`${app.url}/jaeger/api/services`, bearer(teamA))).json();
    expect(services.data).toEqual(['alpha']);
    const jaegerTrace = await fetch(`${app.url}/jaeger/api/traces/${B}`, bearer(teamA));
    expect(jaegerTrace.status).toBe(404);
    const page = await fetch(`${app.url}/traces/${B}`, bearer(teamA));
    expect(page.status).toBe(404);
  });

  it('asking for another tenant is a 403, not a way around the restriction', async () => {
    for (const path of [
      `/api/search?q=${encodeURIComponent('{ }')}`,
      `/api/traces/${B}`,
      `/api/traces/${B}/attributes-of-interest`,
      `/api/traces/${B}/spans/${B.slice(0, 16)}`,
      `/api/traces/${B}/find?q=get`,
      '/jaeger/api/services',
      '/loki/api/v1/labels',
      '/api/services',
      '/api/skew',
      '/api/dependencies',
      '/api/investigations',
    ]) {
      const res = await fetch(`${app.url}${path}`, bearer(teamA, { 'x-scope-orgid': 'team-b' }));
      expect(res.status, path).toBe(403);
    }
  });

  it('an unrestricted user picks any tenant with X-Scope-OrgID', async () => {
    const services = await (await fetch(`${app.url}/jaeger/api/services`, bearer(tokens.viewer!, { 'x-scope-orgid': 'team-b' }))).json();
    expect(services.data).toEqual(['bravo']);
    expect((await fetch(`${app.url}/jaeger/api/services`, bearer(tokens.viewer!, { 'x-scope-orgid': 'bad tenant!' }))).status).toBe(400);
  });

  it('an ingest token bound to a tenant writes only there', async () => {
    const { token } = await mintToken('ingest', 'team-c');
    const C = 'c3'.repeat(16);
    const body = otlpJsonFromSpans([makeSpan({ traceId: C, spanId: C.slice(0, 16), serviceName: 'charlie' })]);
    const elsewhere = await fetch(`${app.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-scope-orgid': 'team-a' }, body });
    expect(elsewhere.status).toBe(403);
    const res = await fetch(`${app.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    expect(res.status).toBe(200);
    const { rows } = await client.query(`SELECT DISTINCT tenant FROM spans WHERE service_name = 'charlie'`);
    expect(rows).toEqual([{ tenant: 'team-c' }]);
    // An ingest-only token cannot read.
    expect((await fetch(`${app.url}/api/search`, bearer(token))).status).toBe(401);
  });
});

describe('API tokens', () => {
  it('a revoked token is refused at once, with an audit entry', async () => {
    const { token, id } = await mintToken('viewer');
    expect((await fetch(`${app.url}/api/search`, bearer(token))).status).toBe(200);
    expect((await app.fetch(`${app.url}/api/tokens/${id}`, { method: 'DELETE' })).status).toBe(200);
    const res = await fetch(`${app.url}/api/search`, bearer(token));
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect((await lastAudit('auth.token-rejected'))?.outcome).toBe('failure');
    const list = await (await app.fetch(`${app.url}/api/tokens`)).json();
    const listed = list.tokens.find((t: { id: string }) => t.id === id);
    expect(listed.revokedAt).not.toBeNull();
    expect(listed.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list)).not.toContain(token);
  });

  it('stores only a hash of each token', async () => {
    const { token } = await mintToken('viewer');
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM api_tokens WHERE position($1::bytea in token_hash) > 0 OR token_prefix = $2`, [Buffer.from(token), token]);
    expect(rows[0].n).toBe(0);
  });

  it('rejects a bad token request with a 400 naming the field', async () => {
    const res = await app.fetch(`${app.url}/api/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x', role: 'god' }) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/^role:/);
  });
});

describe('sessions', () => {
  it('signs in with a password; the cookie is HttpOnly and SameSite=Lax; a role change applies to the next request', async () => {
    const res = await signIn('viewer@example.com', PASSWORD);
    expect(res.status).toBe(200);
    const raw = res.headers.getSetCookie().find((c) => c.startsWith('tracehound.session_token='))!;
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).toMatch(/SameSite=Lax/i);
    const cookie = sessionCookie(res);
    const me = await (await fetch(`${app.url}/api/me`, { headers: { cookie } })).json();
    expect(me).toMatchObject({ kind: 'user', name: 'viewer@example.com', role: 'viewer' });
    expect((await fetch(`${app.url}/api/admin/users`, { headers: { cookie } })).status).toBe(403);

    const users = await (await app.fetch(`${app.url}/api/admin/users`)).json();
    const id = users.users.find((u: { email: string }) => u.email === 'viewer@example.com').id;
    const patch = await app.fetch(`${app.url}/api/admin/users/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'admin' }) });
    expect(patch.status).toBe(200);
    expect((await fetch(`${app.url}/api/admin/users`, { headers: { cookie } })).status).toBe(200);
    expect((await lastAudit('user.role-change'))?.details).toMatchObject({ before: { role: 'viewer' }, after: { role: 'admin' } });
    await app.fetch(`${app.url}/api/admin/users/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'viewer' }) });
  });

  it('a wrong password is a 401 and an audit entry; repeated failures lock the account', async () => {
    for (let k = 0; k < 3; k++) expect((await signIn('operator@example.com', 'wrong-password-123')).status).toBe(401);
    expect(await lastAudit('auth.sign-in')).toMatchObject({ outcome: 'failure', actor_name: 'operator@example.com' });
    const locked = await signIn('operator@example.com', PASSWORD);
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { message: string }).message).toMatch(/too many failed sign-ins/i);
  });

  it('a forged or signed-out session cookie is a 401 with an audit entry, never a 500', async () => {
    const forged = await fetch(`${app.url}/api/me`, { headers: { cookie: 'tracehound.session_token=forged.value' } });
    expect(forged.status).toBe(401);
    expect((await lastAudit('auth.session-rejected'))?.outcome).toBe('failure');

    const cookie = sessionCookie(await signIn('viewer@example.com', PASSWORD));
    expect((await fetch(`${app.url}/api/me`, { headers: { cookie } })).status).toBe(200);
    const out = await fetch(`${app.url}/api/auth/sign-out`, { method: 'POST', headers: { cookie, origin: app.url, 'content-type': 'application/json' }, body: '{}' });
    expect(out.status).toBe(200);
    expect((await fetch(`${app.url}/api/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('signing out everywhere ends every session of the account', async () => {
    const first = sessionCookie(await signIn('viewer@example.com', PASSWORD));
    const second = sessionCookie(await signIn('viewer@example.com', PASSWORD));
    const res = await fetch(`${app.url}/api/auth/revoke-sessions`, { method: 'POST', headers: { cookie: first, origin: app.url, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
    expect((await fetch(`${app.url}/api/me`, { headers: { cookie: second } })).status).toBe(401);
  });

  it('pages send a visitor without a session to sign-in', async () => {
    const res = await fetch(`${app.url}/services`, { redirect: 'manual' });
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toMatch(/\/sign-in\?next=%2Fservices$/);
  });
});

describe('CSRF and headers', () => {
  it('refuses a cookie-authenticated state change from another origin', async () => {
    const cookie = sessionCookie(await signIn('viewer@example.com', PASSWORD));
    const users = await (await app.fetch(`${app.url}/api/admin/users`)).json();
    const viewerId = users.users.find((u: { email: string }) => u.email === 'viewer@example.com').id;
    await app.fetch(`${app.url}/api/admin/users/${viewerId}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'admin' }) });
    const cross = await fetch(`${app.url}/api/tokens`, {
      method: 'POST',
      headers: { cookie, origin: 'http://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', role: 'admin' }),
    });
    expect(cross.status).toBe(403);
    const same = await fetch(`${app.url}/api/tokens`, {
      method: 'POST',
      headers: { cookie, origin: app.url, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', role: 'viewer' }),
    });
    expect(same.status).toBe(201);
    await app.fetch(`${app.url}/api/admin/users/${viewerId}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'viewer' }) });
  });

  it('every page carries a nonce CSP without unsafe-inline scripts, frame-ancestors none, nosniff and a referrer policy', async () => {
    const res = await app.fetch(`${app.url}/search`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'))!;
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
    expect(nonce).toBeTruthy();
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBeTruthy();
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });
});

describe('audit trail', () => {
  it('is append-only in the database and exports as JSON lines', async () => {
    await expect(client.query(`UPDATE audit_log SET outcome = 'success'`)).rejects.toThrow(/append-only/);
    await expect(client.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    const res = await app.fetch(`${app.url}/api/audit?format=jsonl&action=token.`);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.every((e) => e.action.startsWith('token.'))).toBe(true);
    expect((await app.fetch(`${app.url}/api/audit?outcome=maybe`)).status).toBe(400);
  });
});
