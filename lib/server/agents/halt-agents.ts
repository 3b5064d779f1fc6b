import 'server-only';
// Halting from the dashboard: drop our lease rows first (so no instance renews), then tell each agent to
// revert now. An agent we cannot reach still reverts when its lease runs out.
import type { Queryable } from '../db/queryable';
import { callAgent } from './agent-client';
import { listAgents, type AgentWithToken } from './agent-registry';
import { releaseLeases } from './agent-leases';

export interface HaltResult {
  agent: string;
  reached: boolean;
  reverted: number | null;
  error: string | null;
}

export async function haltAgent(db: Queryable, agent: AgentWithToken): Promise<HaltResult> {
  await releaseLeases(db, agent.id);
  const result = await callAgent<{ reverted: number }>(agent, 'POST', '/halt', undefined, 1_000);
  return { agent: agent.name, reached: result.ok, reverted: result.body?.reverted ?? null, error: result.error };
}

export async function haltAllAgents(db: Queryable): Promise<HaltResult[]> {
  return Promise.all((await listAgents(db)).map((agent) => haltAgent(db, agent)));
}
