import 'server-only';
// The dashboard's side of the agents' dead-man switch. A lease row says "keep agent X's lease alive until T
// on behalf of H"; every dashboard instance runs `renewAgentLeases` every RENEW_INTERVAL_MS and renews the
// agents that have a live row, with LEASE_TTL_MS. When all instances die (or lose the database), nobody
// renews and each agent reverts its faults LEASE_TTL_MS later by itself.
import type { Queryable } from '../db/queryable';
import { callAgent } from './agent-client';
import { getAgent } from './agent-registry';

export const LEASE_TTL_MS = 6_000;
export const RENEW_INTERVAL_MS = 2_000;

export async function holdLease(db: Queryable, agentName: string, holder: string, holdSeconds: number): Promise<{ holdUntil: string }> {
  const agent = await getAgent(db, agentName);
  const { rows } = await db.query<{ hold_until: Date }>(
    `INSERT INTO agent_leases (agent_id, holder, ttl_ms, hold_until) VALUES ($1, $2, $3, now() + make_interval(secs => $4))
     ON CONFLICT (agent_id, holder) DO UPDATE SET hold_until = EXCLUDED.hold_until, ttl_ms = EXCLUDED.ttl_ms
     RETURNING hold_until`,
    [agent.id, holder, LEASE_TTL_MS, holdSeconds],
  );
  // Renew right away so faults can be added at once, without waiting for the loop's next tick.
  await renewAgentLeases(db, agent.id);
  return { holdUntil: rows[0]!.hold_until.toISOString() };
}

export async function releaseLeases(db: Queryable, agentId: string, holder?: string): Promise<void> {
  await db.query('DELETE FROM agent_leases WHERE agent_id = $1 AND ($2::text IS NULL OR holder = $2)', [agentId, holder ?? null]);
}

/** One pass: renews every agent with a live lease row (or only `onlyAgentId`), drops rows past hold_until. */
export async function renewAgentLeases(db: Queryable, onlyAgentId?: string): Promise<number> {
  await db.query('DELETE FROM agent_leases WHERE hold_until <= now()');
  const { rows } = await db.query<{ id: string; url: string; token: string; ttl_ms: number }>(
    `SELECT a.id, a.url, a.token, max(l.ttl_ms) AS ttl_ms FROM agents a JOIN agent_leases l ON l.agent_id = a.id
      WHERE ($1::uuid IS NULL OR a.id = $1) GROUP BY a.id, a.url, a.token`,
    [onlyAgentId ?? null],
  );
  await Promise.all(
    rows.map(async (agent) => {
      const result = await callAgent(agent, 'PUT', '/tracehound/lease', { holder: 'tracehound-dashboard', ttlMs: agent.ttl_ms }, 1_500);
      await db.query('UPDATE agent_leases SET renewed_at = CASE WHEN $2 THEN now() ELSE renewed_at END, last_error = $3 WHERE agent_id = $1', [agent.id, result.ok, result.error]);
    }),
  );
  return rows.length;
}

let timer: NodeJS.Timeout | undefined;

/** Starts this instance's renewal loop (idempotent); failures are retried on the next tick. */
export function scheduleLeaseRenewal(db: Queryable): void {
  if (timer) return;
  let running = false;
  timer = setInterval(() => {
    if (running) return;
    running = true;
    renewAgentLeases(db)
      .catch((error: Error) => console.error(`[tracehound] agent lease renewal failed: ${error.message}`))
      .finally(() => (running = false));
  }, RENEW_INTERVAL_MS);
  timer.unref();
}
