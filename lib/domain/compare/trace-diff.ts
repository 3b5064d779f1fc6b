// The document a pair diff produces (the CLI prints it, GET /api/compare returns it, the /compare page draws
// it). Durations are nanoseconds as numbers: relative times and durations fit a double exactly (see
// span-table.ts); epoch times never appear here.

export type NodeChange = 'added' | 'removed' | 'changed' | 'unchanged';

/** Why an aligned node is reported as changed. */
export type Difference = 'count' | 'status' | 'duration' | 'self-time' | 'attributes';

export interface Sides<T> {
  a: T;
  b: T;
}

export interface AttributeDifference {
  key: string;
  /** Distinct values on each side, sorted, at most MAX_VALUES_PER_KEY. */
  a: string[];
  b: string[];
}

/** The occurrences of one aligned node on one side: where they fall on that trace's own timeline. */
export interface SideWindow {
  /** Earliest start and latest end of the node's spans, ns from the trace's root start. */
  start: number;
  end: number;
}

export interface DiffNode {
  /** Position in pre-order; parents come before children. */
  id: number;
  parent: number;
  depth: number;
  service: string;
  name: string;
  /** Path from the root, `service name` per level joined by ` > `. */
  key: string;
  change: NodeChange;
  /** Differences beyond the noise profile (empty for unchanged nodes). */
  differences: Difference[];
  /** Differences the noise profile absorbed. */
  noise: Difference[];
  count: Sides<number>;
  errors: Sides<number>;
  /** Mean over the node's spans; 0 on a side without spans. */
  durationNs: Sides<number>;
  p95DurationNs: Sides<number>;
  selfTimeNs: Sides<number>;
  window: Sides<SideWindow | null>;
  attributes: AttributeDifference[];
  onCriticalPath: Sides<boolean>;
}

export interface FirstDivergence {
  node: number;
  key: string;
  reason: 'only-in-a' | 'only-in-b' | 'count' | 'status';
}

export interface DiffSummary {
  nodes: { added: number; removed: number; changed: number; unchanged: number };
  spans: Sides<number> & { added: number; removed: number };
  /** Error spans in B beyond those of A, over nodes whose error count grew. */
  newErrors: number;
  /** Root duration on each side. */
  durationNs: Sides<number> & { delta: number };
  criticalPath: { a: number[]; b: number[]; changed: boolean };
}

export interface TraceDiff {
  traceIds: Sides<string>;
  summary: DiffSummary;
  firstDivergence: FirstDivergence | null;
  nodes: DiffNode[];
}
