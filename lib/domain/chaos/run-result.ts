// A run with everything its page and report show: the run, the last stop-condition check, its traces, the
// per-operation comparison and the findings comparison. The shape of GET /api/chaos/runs/{id}.
import type { FindingComparison } from './findings-comparison';
import type { OperationComparison } from './operation-comparison';
import type { CheckPoint, IndicatorValue, RunView } from './run-view';

export interface RunResult extends RunView {
  lastCheck: { at: string; values: (IndicatorValue & { breached: boolean })[] } | null;
  checks: CheckPoint[];
  traces: { faulted: string[]; clean: string[]; faultedRequests: number };
  comparison: OperationComparison[];
  findings: FindingComparison[];
}
