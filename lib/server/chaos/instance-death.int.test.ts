// kill -9 of the dashboard instance driving a run, during injection: the agent's lease (renewed only by that
// process) runs out and the agent reverts the run's fault by itself; requests succeed again. Another instance
// can then halt the run from the database alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRevertedAfterKill, outliveOneTtl, spawnInstance, startLeaseFixture, type LeaseFixture } from '@/test/support/dashboard-instance-harness';
import { haltRun } from './halt-runs';
import { getRun } from './run-store';

let fixture: LeaseFixture;

beforeAll(async () => {
  fixture = await startLeaseFixture('th_chaos_death');
});

afterAll(async () => {
  await fixture?.close();
});

describe('the driving instance dies during injection', () => {
  it('the lease reverts the fault within TTL + 1 s; another instance halts the run', async () => {
    const { db, agent, testDb } = fixture;
    const experiment = { name: 'errors', method: [{ agent: 'edge', route: 'payment', fault: { type: 'error', status: 503 } }], durationSeconds: 300 };
    const instance = spawnInstance('test/support/chaos-instance-process.ts', { DATABASE_URL: testDb.url, CHAOS_EXPERIMENT: JSON.stringify(experiment) });
    try {
      const runId = (await instance.waitForOutput(/RUN ([0-9a-f-]{36})/))?.[1];
      expect(runId, instance.output()).toBeDefined();
      await outliveOneTtl();
      expect(agent.agent.registry.list().map((f) => f.type)).toEqual(['error']);
      expect((await fetch(`${agent.routeUrl('payment')}/x`)).status).toBe(503);

      await expectRevertedAfterKill(instance, agent);

      // The run is still "injecting" in the database; this process (another instance) halts it.
      expect((await getRun(db.pool, runId!)).status).toBe('injecting');
      expect(await haltRun(db.pool, runId!, 'default', { kind: 'user', id: 'u1', name: 'oncall@example.com' })).toBe(true);
      const run = await getRun(db.pool, runId!);
      expect([run.status, run.abortReason]).toEqual(['aborted', 'halted by oncall@example.com']);
      // The fault was already gone (404 from the agent counts as reverted).
      expect(run.faults[0]!.revertedAt).not.toBeNull();
    } finally {
      instance.kill();
    }
  }, 60_000);
});
