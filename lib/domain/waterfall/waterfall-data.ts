// What the main thread receives for one trace: flat typed arrays (transferred, not copied, from the worker)
// plus small string tables. Everything the waterfall draws for a row is here; everything else (attributes,
// events' attributes, links) stays in the worker and is fetched per selected span (SpanDetail).
// Units: times are nanoseconds relative to `baseUnixNano` (the earliest raw start) as doubles — exact for
// traces shorter than ~104 days. Arrays are indexed by node id (see trace-tree.ts) unless noted.
import type { TraceTree } from './trace-tree';

export const RowFlag = { ERROR: 1, MOVED: 2, CRITICAL: 4, PLACEHOLDER: 8, UNFINISHED: 16 } as const;

export interface WaterfallFinding {
  type: string;
  spanIds: string[];
  services: string[];
  summary: string;
  /** 'critical' | 'warning' | 'info' from the engine (lib/domain/analysis/finding.ts); absent from older analyses. */
  severity?: string;
  confidence?: number;
}

/** The analysis engine's one most likely cause of the trace (see lib/domain/analysis/likely-cause.ts). */
export interface WaterfallCause {
  type: string;
  service: string;
  spanId: string;
  severity: string;
  confidence: number;
  summary: string;
}

/** Cross-trace clock offsets (GET /api/skew) the analysis applied: how many host pairs and their total samples. */
export interface CrossTraceUse {
  hostPairs: number;
  samples: number;
}

export interface WaterfallData {
  traceId: string;
  baseUnixNano: string;
  tree: TraceTree;
  /** All span ids concatenated, 16 hex chars each, by span index: one string clones far faster than 500k. */
  spanIds: string;
  names: string[];
  nameIndex: Int32Array;
  services: string[];
  /** -1 for placeholders. */
  serviceIndex: Int32Array;
  rawStart: Float64Array;
  rawEnd: Float64Array;
  correctedStart: Float64Array;
  correctedEnd: Float64Array;
  flags: Uint8Array;
  /** Event times (raw, relative ns) of node i are eventTimes[eventOffset[i] .. eventOffset[i+1]). */
  eventOffset: Int32Array;
  eventTimes: Float64Array;
  /**
   * Segments of the critical path (0 before the analysis or when it could not be computed). The page only counts
   * them: the (node, start, end) triples in time order were 24 MB of an unused copy at 500k spans (1M segments).
   */
  criticalSegmentCount: number;
  /**
   * The critical path's segments grouped by node (CSR), corrected relative ns: node i's (start, end) pairs are
   * pathSegments[2*pathOffset[i] .. 2*pathOffset[i+1]). Built in the worker so a row finds its segments in
   * O(1) and the page never builds a 600k-entry map on the main thread.
   */
  pathOffset: Int32Array;
  pathSegments: Float64Array;
  findings: WaterfallFinding[];
  /** Shown first on the trace page; null when nothing in the trace explains a problem (or before analysis). */
  likelyCause: WaterfallCause | null;
  movedSpanCount: number;
  /** Why each moved span was shifted (code by node, 0 = not moved) and short text per code. */
  skewReasonCode: Uint8Array;
  skewReasonLabels: string[];
  errorCount: number;
  analysisError: string | null;
  /** Set when spans were moved by offsets estimated across traces rather than from this trace alone. */
  crossTrace: CrossTraceUse | null;
  /** False until the analysis patch (skew, critical path, findings) has been merged. */
  analyzed: boolean;
}

export function spanIdOf(data: WaterfallData, node: number): string | null {
  return node < data.tree.spanCount ? data.spanIds.slice(node * 16, node * 16 + 16) : null;
}

/** Linear scan of the id string at 16-char strides: run once per permalink, not per frame. */
export function nodeOfSpanId(data: WaterfallData, spanId: string): number {
  for (let at = data.spanIds.indexOf(spanId); at >= 0; at = data.spanIds.indexOf(spanId, at + 1)) {
    if (at % 16 === 0) return at / 16;
  }
  return -1;
}

export function transferablesOf(data: WaterfallData): ArrayBuffer[] {
  const t = data.tree;
  const arrays = [
    t.parent,
    t.childCount,
    t.order,
    t.posOf,
    t.depth,
    t.subtreeEnd,
    data.nameIndex,
    data.serviceIndex,
    data.rawStart,
    data.rawEnd,
    data.correctedStart,
    data.correctedEnd,
    data.flags,
    data.skewReasonCode,
    data.eventOffset,
    data.eventTimes,
    data.pathOffset,
    data.pathSegments,
  ];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
