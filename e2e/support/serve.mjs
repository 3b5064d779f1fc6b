// Playwright's web server for e2e: recreates a dedicated database on the local PostgreSQL (E2E_DATABASE,
// default tracehound_e2e) so every run starts empty, then runs the built app on E2E_PORT against it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const server = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
// E2E_DATABASE_PREFIX lets parallel checkouts on one PostgreSQL server keep their e2e databases apart.
const name = process.env.E2E_DATABASE ?? `${process.env.E2E_DATABASE_PREFIX ?? 'tracehound_e2e'}_${process.env.E2E_PORT ?? '3100'}`;
if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`E2E_DATABASE must be [a-z0-9_]+, got ${name}`);

const adminUrl = new URL(server);
adminUrl.pathname = '/postgres';
const admin = new pg.Client({ connectionString: adminUrl.toString() });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
await admin.query(`CREATE DATABASE "${name}"`);
await admin.end();

const appUrl = new URL(server);
appUrl.pathname = `/${name}`;
const port = process.env.E2E_PORT ?? '3100';
const child = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', port, '-H', '127.0.0.1'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: appUrl.toString() },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
// When Playwright stops the server, its database goes too (`npm test` leaves no tracehound_e2e_* behind).
child.on('exit', async (code) => {
  const cleanup = new pg.Client({ connectionString: adminUrl.toString() });
  try {
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } catch (error) {
    console.error(`[e2e] could not drop ${name}: ${error.message}`);
  } finally {
    await cleanup.end().catch(() => {});
  }
  process.exit(code ?? 0);
});
