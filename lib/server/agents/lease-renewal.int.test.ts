// The dead-man switch across processes: a dashboard instance (a separate process running the real renewal
// loop on a real database) keeps an agent's lease alive past its TTL; after kill -9 of that process every
// fault is gone within lease TTL + 1 s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRevertedAfterKill, outliveOneTtl, spawnInstance, startLeaseFixture, type LeaseFixture } from '@/test/support/dashboard-instance-harness';
import { holdLease } from './agent-leases';

let fixture: LeaseFixture;

beforeAll(async () => {
  fixture = await startLeaseFixture('th_agent_lease');
});

afterAll(async () => {
  await fixture?.close();
});

describe('lease held by a dashboard process', () => {
  it('outlives the TTL while the process renews; kill -9 reverts every fault within TTL + 1 s', async () => {
    const { db, agent, testDb } = fixture;
    const instance = spawnInstance('test/support/lease-renewer-process.ts', { DATABASE_URL: testDb.url });
    try {
      expect(await instance.waitForOutput(/READY/), instance.output()).not.toBeNull();
      // Lease and fault start once the instance runs: on a busy machine its start-up alone can outlast a TTL.
      await holdLease(db.pool, 'edge', 'run-1', 600);
      expect((await agent.call('POST', '/tracehound/routes/payment/faults', { type: 'error', status: 503, durationMs: 300_000 })).status).toBe(201);
      await outliveOneTtl();
      expect(agent.agent.registry.list()).toHaveLength(1);
      expect((await fetch(`${agent.routeUrl('payment')}/x`)).status).toBe(503);

      await expectRevertedAfterKill(instance, agent);
    } finally {
      instance.kill();
    }
  }, 40_000);
});
