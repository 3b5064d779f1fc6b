// A chaos run as the API returns it and the /chaos pages show it. Times are ISO strings.
import type { Experiment, IndicatorMetric } from './experiment-schema';

export const ACTIVE_RUN_STATUSES = ['baseline', 'injecting', 'recovering'] as const;
export type RunStatus = (typeof ACTIVE_RUN_STATUSES)[number] | 'completed' | 'aborted' | 'failed';

export interface JournalEntry {
  at: string;
  step: string;
  status: 'ok' | 'failed' | 'info';
  output: Record<string, unknown>;
}

export interface IndicatorValue {
  name: string;
  metric: IndicatorMetric;
  /** null when no span matched the selection in the window. */
  value: number | null;
  spans: number;
  fromIso: string;
  toIso: string;
}

/** One evaluation of the stop conditions: their values in definition order (null = no spans). */
export interface CheckPoint {
  at: string;
  values: (number | null)[];
}

export interface AppliedFault {
  index: number;
  agent: string;
  route: string;
  faultId: string | null;
  appliedAt: string | null;
  revertedAt: string | null;
  error: string | null;
}

export interface RunView {
  id: string;
  tenant: string;
  experimentId: string | null;
  experimentVersion: number | null;
  definition: Experiment;
  dryRun: boolean;
  status: RunStatus;
  startedBy: string;
  createdAt: string;
  injectionStartedAt: string | null;
  finishedAt: string | null;
  faults: AppliedFault[];
  journal: JournalEntry[];
  indicators: { before?: IndicatorValue[]; during?: IndicatorValue[]; after?: IndicatorValue[] };
  verdict: string | null;
  abortReason: string | null;
}

export function isActiveStatus(status: string): boolean {
  return (ACTIVE_RUN_STATUSES as readonly string[]).includes(status);
}
