// A second dashboard instance as a real process, for the dead-man-switch tests: a real agent with one
// registered route in front of an upstream, a database, and a child process (a test/support/*-process.ts
// script) that holds the agent's lease until it is killed with SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { CONTROL_TOKEN, startTestAgent, startUpstream, type TestAgent, type Upstream } from '@/test/support/agent-harness';
import { openDatabase, type Database } from '@/lib/server/db/database';
import { registerAgent } from '@/lib/server/agents/agent-registry';
import { LEASE_TTL_MS } from '@/lib/server/agents/agent-leases';

const ROOT = path.resolve(__dirname, '../..');

export interface LeaseFixture {
  testDb: TestDatabase;
  db: Database;
  upstream: Upstream;
  agent: TestAgent;
  close(): Promise<void>;
}

/** A database, an upstream and an agent with the route `payment`, registered as agent `edge` (staging). */
export async function startLeaseFixture(databaseName: string): Promise<LeaseFixture> {
  const testDb = await createTestDatabase(databaseName);
  const db = await openDatabase({ DATABASE_URL: testDb.url, TRACEHOUND_DATA_DIR: '.data', DB_POOL_SIZE: 2 });
  const upstream = await startUpstream();
  const agent = await startTestAgent({ routes: [{ name: 'payment', protocol: 'http', upstream: upstream.url }] });
  await registerAgent(db.pool, { name: 'edge', url: agent.control, token: CONTROL_TOKEN, environment: 'staging' }, 'test');
  return {
    testDb,
    db,
    upstream,
    agent,
    async close() {
      await agent.stop();
      await upstream.close();
      await db.close();
      await testDb.drop();
    },
  };
}

export interface InstanceProcess {
  child: ChildProcess;
  output(): string;
  /** Polls the process's output (up to 30 s) until it matches, or the process exits. */
  waitForOutput(pattern: RegExp): Promise<RegExpExecArray | null>;
  /** SIGKILL if still running (for `finally`). */
  kill(): void;
}

/** Runs `script` (relative to the repository) under tsx with the app's import conditions. */
export function spawnInstance(script: string, env: Record<string, string>): InstanceProcess {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return {
    child,
    output: () => out,
    async waitForOutput(pattern) {
      for (let i = 0; i < 600 && !pattern.test(out) && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 50));
      return pattern.exec(out);
    },
    kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** Waits past one lease TTL: from then on only the other process's renewals can keep a fault alive. */
export function outliveOneTtl(): Promise<void> {
  return new Promise((r) => setTimeout(r, LEASE_TTL_MS + 1_500));
}

/**
 * kill -9 of the lease holder: the agent must revert every fault by itself within the lease TTL + 1 s, and the
 * route must pass requests through again.
 */
export async function expectRevertedAfterKill(instance: InstanceProcess, agent: TestAgent, route = 'payment'): Promise<void> {
  instance.child.kill('SIGKILL');
  const killedAt = Date.now();
  while (agent.agent.registry.list().length > 0 && Date.now() - killedAt < LEASE_TTL_MS + 3_000) await new Promise((r) => setTimeout(r, 50));
  expect(agent.agent.registry.list()).toEqual([]);
  expect(Date.now() - killedAt).toBeLessThanOrEqual(LEASE_TTL_MS + 1_000);
  expect((await fetch(`${agent.routeUrl(route)}/x`)).status).toBe(200);
}
