import 'server-only';
// Live state of every registered agent for the /agents page and GET /api/agents: reachable or not, its
// lease, routes and active faults, asked from each agent in parallel with a short deadline.
import type { Queryable } from '../db/queryable';
import { callAgent } from './agent-client';
import type { AgentHealth, AgentStatusBody } from '@/lib/domain/agent/agent-view';
import { listAgents, withoutToken } from './agent-registry';

export async function agentsWithHealth(db: Queryable): Promise<AgentHealth[]> {
  const agents = await listAgents(db);
  const { rows } = await db.query<{ agent_id: string; holder: string; hold_until: Date; renewed_at: Date | null; last_error: string | null }>(
    'SELECT agent_id, holder, hold_until, renewed_at, last_error FROM agent_leases WHERE hold_until > now() ORDER BY hold_until',
  );
  return Promise.all(
    agents.map(async (agent) => {
      const result = await callAgent<AgentStatusBody>(agent, 'GET', '/tracehound/status', undefined, 1_500);
      return {
        ...withoutToken(agent),
        reachable: result.ok,
        error: result.error,
        status: result.body,
        leaseHolders: rows
          .filter((r) => r.agent_id === agent.id)
          .map((r) => ({ holder: r.holder, holdUntil: r.hold_until.toISOString(), renewedAt: r.renewed_at?.toISOString() ?? null, lastError: r.last_error })),
      };
    }),
  );
}
