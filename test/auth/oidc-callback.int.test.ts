// Malformed SSO callbacks against a real OpenID Connect provider (oidc-provider on loopback): a forged state,
// an error from the provider, a callback naming another issuer — each refused (no session, never a 500) and
// recorded in the audit trail.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startAppServer, type AppServer } from '../support/app-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { startIdentityProvider, type IdentityProvider } from '../../e2e/support/oidc-identity-provider';

let db: TestDatabase;
let app: AppServer;
let idp: IdentityProvider;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase('th_oidc');
  const port = await freePort();
  idp = await startIdentityProvider(await freePort(), `http://127.0.0.1:${port}`);
  app = await startAppServer({ DATABASE_URL: db.url, OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: idp.clientId, OIDC_CLIENT_SECRET: idp.clientSecret }, 60_000, port);
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await app?.stop();
  await idp?.stop();
  await db?.drop();
});

async function callback(query: Record<string, string>): Promise<Response> {
  return fetch(`${app.url}/api/auth/callback/oidc?${new URLSearchParams(query)}`, { redirect: 'manual' });
}

async function failedSsoSignIns(): Promise<number> {
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.sign-in' AND outcome = 'failure' AND details->>'method' = 'oidc'`);
  return rows[0].n;
}

describe('SSO callback', () => {
  it('starting SSO points the browser at the provider with PKCE (S256) and a state', async () => {
    const res = await fetch(`${app.url}/api/auth/sign-in/social`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.url },
      body: JSON.stringify({ provider: 'oidc', callbackURL: '/' }),
    });
    expect(res.status).toBe(200);
    const url = new URL(((await res.json()) as { url: string }).url);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('redirect_uri')).toBe(`${app.url}/api/auth/callback/oidc`);
  });

  it.each([
    ['a forged state', { code: 'forged-code', state: 'forged-state' }],
    ['an error from the provider', { error: 'access_denied', state: 'whatever' }],
    ['another issuer', { code: 'forged-code', state: 'forged-state', iss: 'http://127.0.0.1:9/evil' }],
  ])('refuses %s: no session, no 500, an audit entry', async (_what, query) => {
    const before = await failedSsoSignIns();
    const res = await callback(query);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('tracehound.session_token=') && !/Max-Age=0/i.test(c))).toBe(false);
    expect(await failedSsoSignIns()).toBe(before + 1);
  });
});
