import 'server-only';
// One step of a run, called by the engine every CHAOS_TICK_MS for each active run it drives (and once at
// start). The run's clock is injection_started_at in the database, so whichever instance calls this next
// continues where the last one stopped:
//   injecting: apply due faults, check stop conditions (abort on breach), move to recovering at the end;
//   recovering: after recoverySeconds read the "after" indicators and complete.
import type { AppliedFault } from '@/lib/domain/chaos/run-view';
import { recordAudit } from '../audit/record-audit';
import type { Queryable } from '../db/queryable';
import { measureAll, measureIndicator } from './measure-indicator';
import { applyFault, releaseRunLeases, revertFaults } from './run-faults';
import { getRun, journalEntry, MAX_CHECK_HISTORY, patchRun, type StoredRun } from './run-store';
import { steadyStateVerdict } from './verdict';

/** The engine acts as itself in the audit trail (a stop condition, not a person, aborts a run). */
export const CHAOS_ENGINE_ACTOR = { kind: 'anonymous' as const, id: 'chaos-engine', name: 'tracehound chaos engine' };

export async function advanceRun(db: Queryable, runId: string, now = Date.now()): Promise<void> {
  const run = await getRun(db, runId);
  if (run.status === 'injecting') await advanceInjecting(db, run, now);
  else if (run.status === 'recovering') await advanceRecovering(db, run, now);
}

async function advanceInjecting(db: Queryable, run: StoredRun, now: number): Promise<void> {
  const definition = run.definition;
  const startedAt = Date.parse(run.injectionStartedAt!);
  const elapsedS = (now - startedAt) / 1000;
  const faults = [...run.state.faults];
  const journal = [];
  for (const [index, step] of definition.method.entries()) {
    if (faults.some((f) => f.index === index) || elapsedS < step.startOffsetSeconds) continue;
    const endS = Math.min(step.startOffsetSeconds + (step.durationSeconds ?? definition.durationSeconds), definition.durationSeconds);
    if (endS <= elapsedS) continue;
    const applied = await applyFault(db, run.id, index, step, (endS - elapsedS) * 1000);
    faults.push(applied);
    journal.push(
      journalEntry('fault.apply', applied.error ? 'failed' : 'ok', {
        agent: step.agent,
        route: step.route,
        type: step.fault.type,
        faultId: applied.faultId,
        error: applied.error,
        endsAtOffsetSeconds: endS,
      }),
    );
  }
  if (!(await patchRun(db, run.id, { state: { ...run.state, faults }, journal }, ['injecting']))) {
    // Halted (or finished by another instance) while we were applying: nothing we applied may stay.
    await revertFaults(
      db,
      faults.filter((f) => !run.state.faults.includes(f)),
    );
    return;
  }
  const fresh = { ...run, state: { ...run.state, faults } };
  // A fault the agent refused (its caps, a route gone) would make the results lie: the run fails, reverting the rest.
  const refused = faults.find((f) => f.error && !run.state.faults.includes(f));
  if (refused) {
    await finishRun(db, fresh, 'failed', `agent ${refused.agent} refused the fault on ${refused.route}: ${refused.error}`, CHAOS_ENGINE_ACTOR, now);
    return;
  }

  const checks = await Promise.all(
    definition.stopConditions.map(async (condition) => {
      const from = Math.max(startedAt, now - condition.windowSeconds * 1000);
      const value = await measureIndicator(db, run.tenant, condition, from, now);
      const breached = value.value !== null && value.spans >= condition.minSpans && (condition.operator === '>' ? value.value > condition.threshold : value.value < condition.threshold);
      return { ...value, breached };
    }),
  );
  const lastCheck = { at: new Date(now).toISOString(), values: checks };
  const history = [...(fresh.state.checks ?? []), { at: lastCheck.at, values: checks.map((c) => c.value) }].slice(-MAX_CHECK_HISTORY);
  const breach = checks.find((c) => c.breached);
  if (breach) {
    const condition = definition.stopConditions[checks.indexOf(breach)]!;
    const reason = `stop condition "${condition.name}" breached: ${condition.metric} = ${breach.value} ${condition.operator} ${condition.threshold} over ${breach.spans} spans`;
    await finishRun(db, { ...fresh, state: { ...fresh.state, lastCheck, checks: history } }, 'aborted', reason, CHAOS_ENGINE_ACTOR, now);
    return;
  }
  if (elapsedS >= definition.durationSeconds) {
    const reverted = await revertFaults(db, faults);
    await releaseRunLeases(
      db,
      run.id,
      definition.method.map((s) => s.agent),
    );
    const during = await measureAll(db, run.tenant, definition.hypothesis.indicators, startedAt, now);
    await patchRun(
      db,
      run.id,
      {
        status: 'recovering',
        state: { ...fresh.state, faults: reverted, lastCheck, checks: history, injectionEndedAt: new Date(now).toISOString() },
        indicators: { during },
        journal: [journalEntry('faults.revert', 'ok', { reverted: reverted.filter((f) => f.revertedAt).length }), journalEntry('steady-state.during', 'info', { indicators: during })],
      },
      ['injecting'],
    );
    return;
  }
  await patchRun(db, run.id, { state: { ...fresh.state, lastCheck, checks: history } }, ['injecting']);
}

async function advanceRecovering(db: Queryable, run: StoredRun, now: number): Promise<void> {
  const endedAt = Date.parse(run.state.injectionEndedAt ?? run.injectionStartedAt!);
  if (now - endedAt < run.definition.recoverySeconds * 1000) return;
  const after = await measureAll(db, run.tenant, run.definition.hypothesis.indicators, endedAt, now);
  const verdict = steadyStateVerdict(run.definition.hypothesis.indicators, run.indicators.before ?? [], run.indicators.during ?? []);
  await patchRun(
    db,
    run.id,
    { status: 'completed', indicators: { after }, verdict, journal: [journalEntry('steady-state.after', 'info', { indicators: after }), journalEntry('run.complete', 'ok', { verdict })] },
    ['recovering'],
  );
}

/**
 * Ends an active run now (halt, stop condition, failure): status first (so no instance applies more
 * faults), then revert and release, then the "during" indicators and an audit entry. Idempotent: a run
 * already finished is left as it is and false is returned.
 */
export async function finishRun(
  db: Queryable,
  run: StoredRun,
  status: 'aborted' | 'failed',
  reason: string,
  actor: { kind: 'user' | 'token' | 'anonymous'; id: string; name: string },
  now = Date.now(),
): Promise<boolean> {
  if (!(await patchRun(db, run.id, { status, abortReason: reason, journal: [journalEntry(`run.${status === 'aborted' ? 'abort' : 'fail'}`, 'failed', { reason, by: actor.name })] }))) return false;
  // Re-read: the engine may have recorded a fault between our read and the status change.
  const latest = await getRun(db, run.id);
  run = { ...latest, state: { ...latest.state, lastCheck: run.state.lastCheck ?? latest.state.lastCheck, checks: run.state.checks ?? latest.state.checks } };
  const reverted: AppliedFault[] = await revertFaults(db, run.state.faults);
  await releaseRunLeases(
    db,
    run.id,
    run.definition.method.map((s) => s.agent),
  );
  const startedAt = run.injectionStartedAt ? Date.parse(run.injectionStartedAt) : now;
  const during = await measureAll(db, run.tenant, run.definition.hypothesis.indicators, startedAt, Math.max(now, startedAt + 1));
  const verdict = `${status}: ${reason}; ${steadyStateVerdict(run.definition.hypothesis.indicators, run.indicators.before ?? [], during)}`;
  await patchRun(
    db,
    run.id,
    {
      state: { ...run.state, faults: reverted, injectionEndedAt: new Date(now).toISOString() },
      indicators: { during },
      verdict,
      journal: [
        journalEntry('faults.revert', reverted.every((f) => !f.faultId || f.revertedAt) ? 'ok' : 'failed', {
          reverted: reverted.filter((f) => f.revertedAt).length,
          errors: reverted.filter((f) => f.error).map((f) => f.error),
        }),
      ],
    },
    [status],
  );
  await recordAudit(db, { actor, action: status === 'aborted' ? 'chaos.run.abort' : 'chaos.run.fail', target: run.id, tenant: run.tenant, details: { reason } });
  return true;
}
