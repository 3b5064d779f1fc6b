import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startAppServer, type AppServer } from '@/test/support/app-server';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { makeSpan } from '@/test/support/make-span';
import { openDatabase } from '../db/database';
import { writeSpans } from '../spans/write-spans';

const NEXT = path.join(process.cwd(), 'node_modules/next/dist/bin/next');

async function startExpectingFailure(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [NEXT, 'start', '-p', String(port)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d));
  child.stderr.on('data', (d: Buffer) => (output += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(timer);
  return { code, output };
}

describe('starting the app (next start, real HTTP)', () => {
  let testDb: TestDatabase;
  let app: AppServer;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    app = await startAppServer({ DATABASE_URL: testDb.url });
  });
  afterAll(async () => {
    await app?.stop();
    await testDb.drop();
  });

  it('reports health with the server database and the applied migration', async () => {
    const res = await fetch(`${app.url}/api/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'ok', version: '0.1.0', database: { reachable: true, kind: 'server' } });
    expect(body.database.migration).toMatch(/_init$|^\d{14}_/);
  });

  it('home page explains how to send data, then offers trace search once there are some', async () => {
    let html = await (await app.fetch(`${app.url}/`)).text();
    expect(html).toContain('No traces yet');
    expect(html).toContain(`${app.url.replace('http://', '')}/v1/traces`);

    const db = await openDatabase({ DATABASE_URL: testDb.url, TRACEHOUND_DATA_DIR: '.data', DB_POOL_SIZE: 2 });
    await writeSpans(db.pool, [makeSpan({ traceId: 'ab'.repeat(16), spanId: 'cd'.repeat(8), serviceName: 'checkout', name: 'GET /cart' })]);
    await db.close();
    html = await (await app.fetch(`${app.url}/`)).text();
    expect(html).not.toContain('No traces yet');
    expect(html).toContain('class="search-view"');
  });

  it('health answers 503 when the database goes away', async () => {
    const res0 = await fetch(`${app.url}/api/health`);
    expect(res0.status).toBe(200);
    await testDb.drop();
    const res = await fetch(`${app.url}/api/health`);
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.database.reachable).toBe(false);
    expect(body.database.error).toBeTruthy();
  });
});

describe('startup failures are one clear line', () => {
  it('a bad DATABASE_URL names the variable', async () => {
    const { code, output } = await startExpectingFailure({ DATABASE_URL: 'mysql://nope' });
    expect(code).toBe(1);
    expect(output).toMatch(/\[tracehound\] startup failed: Invalid configuration: DATABASE_URL: .*postgres/);
    expect(output).not.toMatch(/^\s+at /m);
  });

  it('an unreachable server names where it tried', async () => {
    const { code, output } = await startExpectingFailure({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/tracehound' });
    expect(code).toBe(1);
    expect(output).toMatch(/startup failed: Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/tracehound: .*ECONNREFUSED/);
    expect(output).not.toMatch(/^\s+at /m);
  });
});
