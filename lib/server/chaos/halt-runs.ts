import 'server-only';
// Halting: one run (revert its faults, release its leases), or everything: every active run, then every
// agent told to revert all faults now (covers faults applied by anyone). Both are idempotent.
import { haltAllAgents, type HaltResult } from '../agents/halt-agents';
import type { Queryable } from '../db/queryable';
import { finishRun } from './advance-run';
import { activeRunIds, getRun } from './run-store';

type Actor = { kind: 'user' | 'token' | 'anonymous'; id: string; name: string };

/** true when this call ended the run; false when it had already ended. */
export async function haltRun(db: Queryable, runId: string, tenant: string, actor: Actor): Promise<boolean> {
  const run = await getRun(db, runId, tenant);
  return finishRun(db, run, 'aborted', `halted by ${actor.name}`, actor);
}

export async function haltAll(db: Queryable, actor: Actor): Promise<{ runs: string[]; agents: HaltResult[] }> {
  const ids = await activeRunIds(db);
  // Agents and runs at once: every agent reverts everything now, while each run is marked aborted (so no
  // instance applies more) and reverts what it recorded.
  const [agents, finished] = await Promise.all([
    haltAllAgents(db),
    Promise.all(ids.map(async (id) => ((await finishRun(db, await getRun(db, id), 'aborted', `halt all by ${actor.name}`, actor)) ? id : null))),
  ]);
  return { runs: finished.filter((id): id is string => id !== null), agents };
}
