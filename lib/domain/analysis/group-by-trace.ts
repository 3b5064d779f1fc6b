// Splits a mixed list of spans into traces, keeping each trace's spans in input order and traces in order of
// first appearance.
import type { AnalysisSpan } from './analysis-span';

export function groupByTrace<T extends Pick<AnalysisSpan, 'traceId'>>(spans: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const span of spans) {
    const group = groups.get(span.traceId);
    if (group) group.push(span);
    else groups.set(span.traceId, [span]);
  }
  return [...groups.values()];
}
