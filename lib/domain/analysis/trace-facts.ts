// Everything the finding rules read about one analysed trace, computed once by analyzeTrace.
import { formatDurationNs } from '../time/format-duration';
import type { ResolvedAnalysisOptions } from './analysis-options';
import type { SkewCorrection } from './clock-skew';
import type { PathSegment } from './critical-path';
import type { HostOffset } from './host-offset';
import type { SpanTable } from './span-table';
import type { SpanTree } from './span-tree';

export interface TraceFacts {
  table: SpanTable;
  tree: SpanTree;
  skew: SkewCorrection;
  /** Children sorted by corrected end, latest first (CSR over tree.childOffsets). */
  byEnd: Int32Array;
  criticalPath: PathSegment[];
  pathSelfTimeBySpan: Map<number, number>;
  /** Host offsets estimated from this trace's own CLIENT→SERVER pairs. */
  hostOffsets: HostOffset[];
  options: ResolvedAnalysisOptions;
}

/** Whether the trace's primary root ended in error: what decides critical versus merely degraded. */
export function rootFailed(facts: TraceFacts): boolean {
  const root = facts.tree.primaryRoot;
  return root >= 0 && facts.table.error[root] === 1;
}

export function spanIdOf(facts: TraceFacts, i: number): string {
  return facts.table.spans[i]!.spanId;
}

export function serviceOf(facts: TraceFacts, i: number): string {
  return facts.table.serviceNames[facts.table.service[i]!]!;
}

/** Distinct services of the given spans, in first-seen order. */
export function servicesOf(facts: TraceFacts, spans: readonly number[]): string[] {
  return [...new Set(spans.map((i) => serviceOf(facts, i)))];
}

export function labelOf(facts: TraceFacts, i: number): string {
  return `${serviceOf(facts, i)} ${facts.table.spans[i]!.name}`;
}

/** Human duration of relative nanoseconds. */
export function durationText(ns: number): string {
  return formatDurationNs(BigInt(Math.round(ns)));
}
