import 'server-only';
// What GET /api/chaos/runs/{id} returns: the run, its live check, its faulted and clean traces, and the
// per-operation comparison of the baseline window against the injection window.
import { compareOperations, type OperationComparison } from '@/lib/domain/chaos/operation-comparison';
import type { Queryable } from '../db/queryable';
import { operationStats } from './operation-stats';
import { getRun, type StoredRun } from './run-store';
import { runTraces, type RunTraces } from './run-traces';

export type RunResult = Omit<StoredRun, 'state'> & { lastCheck: StoredRun['state']['lastCheck'] | null; traces: RunTraces; comparison: OperationComparison[] };

export async function runResult(db: Queryable, id: string, tenant: string): Promise<RunResult> {
  const run = await getRun(db, id, tenant);
  const { state, ...view } = run;
  let comparison: OperationComparison[] = [];
  if (run.injectionStartedAt) {
    const start = Date.parse(run.injectionStartedAt);
    const end = state.injectionEndedAt ? Date.parse(state.injectionEndedAt) : Date.now();
    const [before, during] = await Promise.all([operationStats(db, run.tenant, start - run.definition.baselineSeconds * 1000, start), operationStats(db, run.tenant, start, Math.max(end, start + 1))]);
    comparison = compareOperations(before, during);
  }
  return { ...view, lastCheck: state.lastCheck ?? null, traces: await runTraces(db, run), comparison };
}
