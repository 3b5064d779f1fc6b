// A replay run as stored and returned by GET /api/replays/{id}: every request of the run — sent, skipped
// or refused — with the original and new trace ids (the pair the trace comparison opens), the response diff
// and the run's totals.
import type { RecordedResponse, ReplayRequest } from './replay-request';
import type { ResponseDiff } from './response-diff';

/** `sent`: answered, but there was no recorded response to compare with. */
export type RequestOutcome = 'identical' | 'differs' | 'sent' | 'error' | 'skipped' | 'refused';

export interface ReplayedResponse extends RecordedResponse {
  status: number;
  bodySize: number;
}

/** Coarse facts of a trace, read when the run is viewed (replayed traces arrive after the run). */
export interface TraceFacts {
  spanCount: number;
  errorCount: number;
  durationMs: number;
  services: string[];
}

export interface RunRequestResult {
  seq: number;
  originalTraceId: string | null;
  originalSpanId: string | null;
  /** The trace the replay started (its fresh traceparent); null when nothing was sent. */
  newTraceId: string | null;
  request: ReplayRequest;
  originalResponse: RecordedResponse | null;
  response: ReplayedResponse | null;
  diff: ResponseDiff | null;
  outcome: RequestOutcome;
  /** Why it was skipped, refused or failed. */
  error: string | null;
  durationMs: number | null;
  /** Both traces as stored now (null: not (yet) received); GET /api/replays/{id} fills this in. */
  traces?: { original: TraceFacts | null; replayed: TraceFacts | null };
}

export interface RunTotals {
  requests: number;
  sent: number;
  identical: number;
  responseDiffers: number;
  /** Replayed answers that are 5xx (or failed) where the original was not. */
  newErrors: number;
  errors: number;
  skippedUnsafe: number;
  skippedMethod: number;
  refused: number;
  /** With options.settleMs: whether the replayed traces stopped growing before the deadline, and how many arrived. */
  traces?: { settled: boolean; received: number };
}

export interface ReplayRunSummary {
  id: string;
  targetName: string;
  environment: string;
  createdAt: string;
  createdBy: string;
  status: 'completed' | 'refused';
  totals: RunTotals;
}

export interface ReplayRun extends ReplayRunSummary {
  source: unknown;
  options: unknown;
  requests: RunRequestResult[];
}
