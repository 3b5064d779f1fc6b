import 'server-only';
// The agent side of a run: its lease holder name, applying one fault step (deadline = the step's end, never
// past the run's end) and reverting every fault the run applied. Reverting is best effort per agent: a fault
// we cannot delete still ends at its deadline, or when the lease we stop renewing runs out.
import type { FaultStep } from '@/lib/domain/chaos/experiment-schema';
import type { AppliedFault } from '@/lib/domain/chaos/run-view';
import { callAgent } from '../agents/agent-client';
import { getAgent } from '../agents/agent-registry';
import { releaseLeases } from '../agents/agent-leases';
import type { Queryable } from '../db/queryable';

export const leaseHolder = (runId: string) => `chaos-run-${runId}`;

export async function applyFault(db: Queryable, runId: string, index: number, step: FaultStep, durationMs: number): Promise<AppliedFault> {
  const base = { index, agent: step.agent, route: step.route, revertedAt: null };
  try {
    const agent = await getAgent(db, step.agent);
    const result = await callAgent<{ id: string }>(agent, 'POST', `/tracehound/routes/${encodeURIComponent(step.route)}/faults`, {
      ...step.fault,
      durationMs: Math.max(1, Math.round(durationMs)),
      runId,
    });
    if (!result.ok || !result.body) return { ...base, faultId: null, appliedAt: null, error: result.error ?? 'agent refused the fault' };
    return { ...base, faultId: result.body.id, appliedAt: new Date().toISOString(), error: null };
  } catch (error) {
    return { ...base, faultId: null, appliedAt: null, error: (error as Error).message };
  }
}

/** Deletes each applied, unreverted fault; returns the list with revertedAt set (or an error kept). */
export async function revertFaults(db: Queryable, faults: readonly AppliedFault[]): Promise<AppliedFault[]> {
  return Promise.all(
    faults.map(async (fault) => {
      if (!fault.faultId || fault.revertedAt) return fault;
      try {
        const agent = await getAgent(db, fault.agent);
        const result = await callAgent(agent, 'DELETE', `/tracehound/faults/${encodeURIComponent(fault.faultId)}`, undefined, 1_000);
        // 404: the fault already ended (its deadline, a halt or the lease).
        if (result.ok || result.status === 404) return { ...fault, revertedAt: new Date().toISOString() };
        return { ...fault, error: `revert: ${result.error}` };
      } catch (error) {
        return { ...fault, error: `revert: ${(error as Error).message}` };
      }
    }),
  );
}

export async function releaseRunLeases(db: Queryable, runId: string, agentNames: readonly string[]): Promise<void> {
  for (const name of new Set(agentNames)) {
    const agent = await getAgent(db, name).catch(() => null);
    if (agent) await releaseLeases(db, agent.id, leaseHolder(runId));
  }
}
