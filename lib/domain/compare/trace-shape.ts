// The part of the analysis engine a trace diff needs, for one trace: columnar table, span tree, per-trace
// skew correction, critical path and self times (no findings: they are the costliest step and a diff does
// not read them). Times are nanoseconds relative to the primary root's corrected start, as doubles.
import { resolveAnalysisOptions } from '../analysis/analysis-options';
import type { AnalysisSpan } from '../analysis/analysis-span';
import { childrenByEndDesc } from '../analysis/children-by-end';
import { correctClockSkew } from '../analysis/clock-skew';
import { walkCriticalPath } from '../analysis/critical-path';
import { computeSelfTime } from '../analysis/self-time';
import { buildSpanTable, type SpanTable } from '../analysis/span-table';
import { buildSpanTree, type SpanTree } from '../analysis/span-tree';

export interface TraceShape {
  table: SpanTable;
  tree: SpanTree;
  /** Corrected start and end, relative to the primary root's corrected start. */
  start: Float64Array;
  end: Float64Array;
  selfTimeNs: Float64Array;
  /** Span indexes of the critical path in time order, consecutive repeats removed. */
  criticalPath: number[];
}

export function traceShape(spans: readonly AnalysisSpan[]): TraceShape {
  const table = buildSpanTable(spans);
  return traceShapeOf(table, buildSpanTree(table));
}

/** The shape from a table and tree however they were built (trace-shape-from-skeleton.ts builds both from columns). */
export function traceShapeOf(table: SpanTable, tree: SpanTree): TraceShape {
  const skew = correctClockSkew(table, tree, resolveAnalysisOptions());
  const byEnd = childrenByEndDesc(tree, skew.end, skew.start);
  // Spans of the path, consecutive repeats removed, collected latest first and reversed (the segments
  // themselves, ~2 per span at 100k spans, are not needed).
  const criticalPath: number[] = [];
  walkCriticalPath(table, tree, byEnd, skew.start, skew.end, (span) => {
    if (criticalPath[criticalPath.length - 1] !== span) criticalPath.push(span);
  });
  criticalPath.reverse();
  const selfTimeNs = computeSelfTime(table, tree, byEnd, skew.start, skew.end);
  const origin = tree.primaryRoot >= 0 ? skew.start[tree.primaryRoot]! : 0;
  const start = new Float64Array(table.count);
  const end = new Float64Array(table.count);
  for (let i = 0; i < table.count; i++) {
    start[i] = skew.start[i]! - origin;
    end[i] = skew.end[i]! - origin;
  }
  return { table, tree, start, end, selfTimeNs, criticalPath };
}
