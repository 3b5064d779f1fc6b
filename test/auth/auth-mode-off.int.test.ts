// AUTH_MODE=off: the anonymous dashboard of a laptop, which says so on every page; never with chaos enabled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
let app: AppServer;

beforeAll(async () => {
  db = await createTestDatabase('th_authoff');
  app = await startAppServer({ DATABASE_URL: db.url, AUTH_MODE: 'off', TRACEHOUND_BOOTSTRAP_TOKEN: '' });
});

afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

describe('AUTH_MODE=off', () => {
  it('serves pages and APIs without sign-in, with a banner on every page', async () => {
    for (const path of ['/', '/search', '/services', '/admin']) {
      const res = await fetch(`${app.url}${path}`, { redirect: 'manual' });
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).toContain('AUTH_MODE=off');
    }
    const me = await (await fetch(`${app.url}/api/me`)).json();
    expect(me).toMatchObject({ kind: 'anonymous', role: 'admin', authMode: 'off' });
  });

  it('still refuses cross-site state changes', async () => {
    const res = await fetch(`${app.url}/api/tokens`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', role: 'viewer' }),
    });
    expect(res.status).toBe(403);
  });

  it('prints no setup link and says what the mode means', () => {
    expect(app.output()).toContain('AUTH_MODE=off: anyone who can reach this server is an admin');
    expect(app.output()).not.toContain('/setup?token=');
  });
});
