// The dead-man switch across processes: a dashboard instance (a separate process running the real renewal
// loop on a real database) keeps an agent's lease alive past its TTL; after kill -9 of that process every
// fault is gone within lease TTL + 1 s.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { CONTROL_TOKEN, startTestAgent, startUpstream, type TestAgent, type Upstream } from '@/test/support/agent-harness';
import { openDatabase, type Database } from '../db/database';
import { registerAgent } from './agent-registry';
import { holdLease, LEASE_TTL_MS } from './agent-leases';

let testDb: TestDatabase;
let db: Database;
let upstream: Upstream;
let agent: TestAgent;

beforeAll(async () => {
  testDb = await createTestDatabase('th_agent_lease');
  db = await openDatabase({ DATABASE_URL: testDb.url, TRACEHOUND_DATA_DIR: '.data', DB_POOL_SIZE: 2 });
  upstream = await startUpstream();
  agent = await startTestAgent({ routes: [{ name: 'payment', protocol: 'http', upstream: upstream.url }] });
  await registerAgent(db.pool, { name: 'edge', url: agent.control, token: CONTROL_TOKEN, environment: 'staging' }, 'test');
});

afterAll(async () => {
  await agent?.stop();
  await upstream?.close();
  await db?.close();
  await testDb?.drop();
});

describe('lease held by a dashboard process', () => {
  it('outlives the TTL while the process renews; kill -9 reverts every fault within TTL + 1 s', async () => {
    await holdLease(db.pool, 'edge', 'run-1', 600);
    expect((await agent.call('POST', '/tracehound/routes/payment/faults', { type: 'error', status: 503, durationMs: 300_000 })).status).toBe(201);
    const root = path.resolve(__dirname, '../../..');
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'test/support/lease-renewer-process.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: testDb.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      for (let i = 0; i < 600 && !out.includes('READY'); i++) await new Promise((r) => setTimeout(r, 50));
      expect(out).toContain('READY');
      // Well past one TTL: only the other process's renewals can have kept the fault alive.
      await new Promise((r) => setTimeout(r, LEASE_TTL_MS + 1_500));
      expect(agent.agent.registry.list()).toHaveLength(1);
      expect((await fetch(`${agent.routeUrl('payment')}/x`)).status).toBe(503);

      child.kill('SIGKILL');
      const killedAt = Date.now();
      while (agent.agent.registry.list().length > 0 && Date.now() - killedAt < LEASE_TTL_MS + 3_000) await new Promise((r) => setTimeout(r, 50));
      expect(agent.agent.registry.list()).toEqual([]);
      expect(Date.now() - killedAt).toBeLessThanOrEqual(LEASE_TTL_MS + 1_000);
      expect((await fetch(`${agent.routeUrl('payment')}/x`)).status).toBe(200);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 40_000);
});
