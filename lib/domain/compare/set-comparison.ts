// The document of GET /api/compare/sets: a selection of traces (TraceQL + window) against a baseline.
// Durations are nanoseconds as numbers (a span's duration fits a double exactly).

export interface SetSide {
  query: string;
  fromUnixNano: string;
  toUnixNano: string;
  traces: number;
  spans: number;
}

export interface OperationStats {
  count: number;
  errors: number;
  errorRate: number;
  p50Ns: number;
  p95Ns: number;
  p99Ns: number;
}

export interface OperationComparison {
  service: string;
  name: string;
  /** null when the operation has no span in that set. */
  selection: OperationStats | null;
  baseline: OperationStats | null;
}

/** An attribute value and how much more often the selection's traces carry it than the baseline's. */
export interface AttributeSeparation {
  scope: 'span' | 'resource';
  key: string;
  value: string;
  /** Traces carrying the value, within attributeSample. */
  selectionTraces: number;
  baselineTraces: number;
  /** Shares of each set's traces carrying the value, 0..1. */
  selectionShare: number;
  baselineShare: number;
  /** selectionShare − baselineShare: how strongly the value separates the selection (BubbleUp's ranking). */
  score: number;
}

export interface SetComparison {
  selection: SetSide;
  baseline: SetSide;
  /** Traces of each set the attribute counts were taken from (all of them up to 2,000; a sample beyond). */
  attributeSample: { selectionTraces: number; baselineTraces: number };
  /** Operations of either set, by selection count; `selection` or `baseline` null = only in one set. */
  operations: OperationComparison[];
  attributes: AttributeSeparation[];
}
