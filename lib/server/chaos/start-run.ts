import 'server-only';
// Starting a run (or a dry run): refuse unless CHAOS_ENABLED, validate (cap, fields, selections), resolve
// agents and routes (production rules), read the baseline indicators over the window before now. A dry run
// stops there, completed, having injected nothing. A real run holds the agents' leases for its length plus
// recovery (renewed by every instance from the database), starts its clock and applies the faults due at 0.
import type { Experiment } from '@/lib/domain/chaos/experiment-schema';
import type { Config } from '../config/config-schema';
import { holdLease } from '../agents/agent-leases';
import type { Queryable } from '../db/queryable';
import { AppError } from '../http/app-error';
import { advanceRun, finishRun } from './advance-run';
import { measureAll } from './measure-indicator';
import { resolveTargets } from './resolve-targets';
import { leaseHolder } from './run-faults';
import { withRunLock } from './run-lock';
import { getRun, insertRun, journalEntry, patchRun } from './run-store';
import { validateExperiment } from './validate-experiment';

/** Seconds the dashboard keeps an agent's lease beyond the run's planned end, in case a tick is late. */
const LEASE_MARGIN_SECONDS = 60;

export type ChaosConfig = Pick<Config, 'CHAOS_ENABLED' | 'CHAOS_MAX_DURATION_SECONDS' | 'CHAOS_PRODUCTION_ENABLED'>;

export function assertChaosEnabled(config: ChaosConfig): void {
  if (!config.CHAOS_ENABLED) throw new AppError('conflict', 'chaos experiments are disabled on this server (an admin sets CHAOS_ENABLED=true)');
}

export interface StartRunInput {
  tenant: string;
  body: unknown;
  dryRun: boolean;
  experimentId?: string | null;
  experimentVersion?: number | null;
  actor: { kind: 'user' | 'token' | 'anonymous'; id: string; name: string };
}

const START_LOCK_POLL_MS = 50;
/** Longer than any one engine step (agent calls have 2 s deadlines). */
const START_LOCK_WAIT_MS = 10_000;

export async function startRun(db: Queryable, config: ChaosConfig, input: StartRunInput): Promise<{ id: string; definition: Experiment }> {
  assertChaosEnabled(config);
  const definition = validateExperiment(input.body, config.CHAOS_MAX_DURATION_SECONDS);
  const targets = await resolveTargets(db, definition, config.CHAOS_PRODUCTION_ENABLED);
  const now = Date.now();
  const before = await measureAll(db, input.tenant, definition.hypothesis.indicators, now - definition.baselineSeconds * 1000, now);
  const journal = [
    journalEntry('run.start', 'ok', { by: input.actor.name, dryRun: input.dryRun, durationSeconds: definition.durationSeconds }),
    journalEntry('targets.resolve', 'ok', { targets }),
    journalEntry('steady-state.before', 'info', { indicators: before }),
  ];
  const id = await insertRun(db, {
    tenant: input.tenant,
    experimentId: input.experimentId ?? null,
    experimentVersion: input.experimentVersion ?? null,
    definition,
    dryRun: input.dryRun,
    status: input.dryRun ? 'completed' : 'baseline',
    startedBy: input.actor.name,
    journal: input.dryRun ? [...journal, journalEntry('run.complete', 'ok', { dryRun: true, injected: 0 })] : journal,
    state: { faults: [] },
    indicators: { before },
    verdict: input.dryRun ? 'dry run: validated, targets resolved, baseline read; nothing injected' : null,
  });
  if (input.dryRun) return { id, definition };
  try {
    for (const target of targets) await holdLease(db, target.agent, leaseHolder(id), definition.durationSeconds + definition.recoverySeconds + LEASE_MARGIN_SECONDS);
    // Under the run's lock, so the engine's tick cannot interleave: the clock starts and the faults due at 0
    // go in before the caller gets the id.
    // An engine tick may hold the lock for a moment (it sees every active run, this new one included): wait
    // for it, bounded, rather than return with the run still in its baseline.
    const begin = async () => {
      await patchRun(db, id, { status: 'injecting', injectionStarted: true, journal: [journalEntry('leases.hold', 'ok', { agents: targets.map((t) => t.agent) })] }, ['baseline']);
      await advanceRun(db, id);
    };
    let started = await withRunLock(db, id, begin);
    for (let waited = 0; !started && waited < START_LOCK_WAIT_MS; waited += START_LOCK_POLL_MS) {
      await new Promise((resolve) => setTimeout(resolve, START_LOCK_POLL_MS));
      started = await withRunLock(db, id, begin);
    }
    if (!started) throw new Error('another advancer held the run for too long');
  } catch (error) {
    await finishRun(db, await getRun(db, id), 'failed', `could not start: ${(error as Error).message}`, input.actor);
    throw error;
  }
  return { id, definition };
}
