import 'server-only';
// What GET /api/chaos/runs/{id} returns: the run, its live check, its faulted and clean traces, and the
// per-operation comparison of the baseline window against the injection window.
import { compareOperations } from '@/lib/domain/chaos/operation-comparison';
import type { RunResult } from '@/lib/domain/chaos/run-result';
import type { Queryable } from '../db/queryable';
import { operationStats } from './operation-stats';
import { runFindings } from './run-findings';
import { getRun } from './run-store';
import { runTraces } from './run-traces';

export type { RunResult };

export async function runResult(db: Queryable, id: string, tenant: string): Promise<RunResult> {
  const run = await getRun(db, id, tenant);
  const { state, ...view } = run;
  const traces = await runTraces(db, run);
  if (!run.injectionStartedAt) return { ...view, lastCheck: state.lastCheck ?? null, checks: state.checks ?? [], traces, comparison: [], findings: [] };
  const start = Date.parse(run.injectionStartedAt);
  const end = Math.max(state.injectionEndedAt ? Date.parse(state.injectionEndedAt) : Date.now(), start + 1);
  const [before, during, findings] = await Promise.all([
    operationStats(db, run.tenant, start - run.definition.baselineSeconds * 1000, start),
    operationStats(db, run.tenant, start, end),
    // Whole traces: their spans may start a little before the fault or finish after it.
    runFindings(db, run.tenant, traces.faulted, traces.clean, start - 60_000, end + 60_000),
  ]);
  return { ...view, lastCheck: state.lastCheck ?? null, checks: state.checks ?? [], traces, comparison: compareOperations(before, during), findings };
}
