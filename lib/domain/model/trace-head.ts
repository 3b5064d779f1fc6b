// The first screenful of a trace's waterfall, read on the server before any JS runs (issue #22): rows in display
// order (depth-first from the true roots, children by start then span id), each with its depth. Times are unix
// nanoseconds relative to the trace's start, as decimal strings (the wire carries no bigint).
import type { SpanKind, StatusCode } from './span';

export interface TraceHeadRow {
  spanId: string;
  parentSpanId: string | null;
  depth: number;
  serviceName: string;
  name: string;
  kind: SpanKind;
  statusCode: StatusCode;
  /** ns after the trace's start. */
  startNs: string;
  endNs: string;
}

export interface TraceHead {
  /** The trace's start (unix ns) and duration (ns), from its summary: the bars' scale. */
  startUnixNano: string;
  durationNs: string;
  rows: TraceHeadRow[];
}
