// kill -9 of the dashboard instance driving a run, during injection: the agent's lease (renewed only by that
// process) runs out and the agent reverts the run's fault by itself; requests succeed again. Another instance
// can then halt the run from the database alone.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { CONTROL_TOKEN, startTestAgent, startUpstream, type TestAgent, type Upstream } from '@/test/support/agent-harness';
import { openDatabase, type Database } from '../db/database';
import { registerAgent } from '../agents/agent-registry';
import { LEASE_TTL_MS } from '../agents/agent-leases';
import { haltRun } from './halt-runs';
import { getRun } from './run-store';

let testDb: TestDatabase;
let db: Database;
let upstream: Upstream;
let agent: TestAgent;

beforeAll(async () => {
  testDb = await createTestDatabase('th_chaos_death');
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

describe('the driving instance dies during injection', () => {
  it('the lease reverts the fault within TTL + 1 s; another instance halts the run', async () => {
    const experiment = { name: 'errors', method: [{ agent: 'edge', route: 'payment', fault: { type: 'error', status: 503 } }], durationSeconds: 300 };
    const root = path.resolve(__dirname, '../../..');
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'test/support/chaos-instance-process.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: testDb.url, CHAOS_EXPERIMENT: JSON.stringify(experiment) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      for (let i = 0; i < 600 && !/RUN [0-9a-f-]{36}/.test(out) && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 50));
      const runId = /RUN ([0-9a-f-]{36})/.exec(out)?.[1];
      expect(runId, out).toBeDefined();
      // Past one TTL: only the instance's renewals keep the run's fault alive.
      await new Promise((r) => setTimeout(r, LEASE_TTL_MS + 1_500));
      expect(agent.agent.registry.list().map((f) => f.type)).toEqual(['error']);
      expect((await fetch(`${agent.routeUrl('payment')}/x`)).status).toBe(503);

      child.kill('SIGKILL');
      const killedAt = Date.now();
      while (agent.agent.registry.list().length > 0 && Date.now() - killedAt < LEASE_TTL_MS + 3_000) await new Promise((r) => setTimeout(r, 50));
      expect(agent.agent.registry.list()).toEqual([]);
      expect(Date.now() - killedAt).toBeLessThanOrEqual(LEASE_TTL_MS + 1_000);
      expect((await fetch(`${agent.routeUrl('payment')}/x`)).status).toBe(200);

      // The run is still "injecting" in the database; this process (another instance) halts it.
      expect((await getRun(db.pool, runId!)).status).toBe('injecting');
      expect(await haltRun(db.pool, runId!, 'default', { kind: 'user', id: 'u1', name: 'oncall@example.com' })).toBe(true);
      const run = await getRun(db.pool, runId!);
      expect([run.status, run.abortReason]).toEqual(['aborted', 'halted by oncall@example.com']);
      // The fault was already gone (404 from the agent counts as reverted).
      expect(run.faults[0]!.revertedAt).not.toBeNull();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
