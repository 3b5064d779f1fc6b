// The part of the analysis engine a trace diff needs, for one trace: columnar table, span tree, per-trace
// skew correction, critical path and self times (no findings: they are the costliest step and a diff does
// not read them). Times are nanoseconds relative to the primary root's corrected start, as doubles.
import { resolveAnalysisOptions } from '../analysis/analysis-options';
import type { AnalysisSpan } from '../analysis/analysis-span';
import { childrenByEndDesc } from '../analysis/children-by-end';
import { correctClockSkew } from '../analysis/clock-skew';
import { computeCriticalPath } from '../analysis/critical-path';
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
  const tree = buildSpanTree(table);
  const skew = correctClockSkew(table, tree, resolveAnalysisOptions());
  const byEnd = childrenByEndDesc(tree, skew.end, skew.start);
  const path = computeCriticalPath(table, tree, byEnd, skew.start, skew.end);
  const selfTimeNs = computeSelfTime(table, tree, byEnd, skew.start, skew.end);
  const origin = tree.primaryRoot >= 0 ? skew.start[tree.primaryRoot]! : 0;
  const start = new Float64Array(table.count);
  const end = new Float64Array(table.count);
  for (let i = 0; i < table.count; i++) {
    start[i] = skew.start[i]! - origin;
    end[i] = skew.end[i]! - origin;
  }
  const criticalPath: number[] = [];
  for (const seg of path) if (criticalPath[criticalPath.length - 1] !== seg.span) criticalPath.push(seg.span);
  return { table, tree, start, end, selfTimeNs, criticalPath };
}
