// Self time: the part of a span's (corrected) duration not covered by any of its attached children, with
// children clipped to the span. Children come sorted by end, latest first, so the union of their intervals
// is merged in one backward sweep (the mirror image of the usual merge sorted by start). O(n) overall.
import type { PathSegment } from './critical-path';
import { isDetached, type SpanTable } from './span-table';
import type { SpanTree } from './span-tree';

export function computeSelfTime(table: SpanTable, tree: SpanTree, byEnd: Int32Array, start: Float64Array, end: Float64Array): Float64Array {
  const n = table.count;
  const self = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const lo = start[s]!;
    const hi = end[s]!;
    let covered = 0;
    let blockStart = Infinity;
    let blockEnd = -Infinity;
    for (let k = tree.childOffsets[s]!; k < tree.childOffsets[s + 1]!; k++) {
      const c = byEnd[k]!;
      if (isDetached(table, s, c)) continue;
      const cs = Math.max(start[c]!, lo);
      const ce = Math.min(end[c]!, hi);
      if (ce <= cs) continue;
      if (ce >= blockStart) {
        if (cs < blockStart) blockStart = cs;
      } else {
        if (blockEnd > blockStart) covered += blockEnd - blockStart;
        blockStart = cs;
        blockEnd = ce;
      }
    }
    if (blockEnd > blockStart) covered += blockEnd - blockStart;
    self[s] = Math.max(0, hi - lo - covered);
  }
  return self;
}

/** Self time along the critical path, summed per span index and per service name. */
export function pathSelfTime(table: SpanTable, path: readonly PathSegment[]): { bySpan: Map<number, number>; byService: Record<string, number> } {
  const bySpan = new Map<number, number>();
  const byService: Record<string, number> = {};
  for (const seg of path) {
    const d = seg.end - seg.start;
    bySpan.set(seg.span, (bySpan.get(seg.span) ?? 0) + d);
    const service = table.serviceNames[table.service[seg.span]!]!;
    byService[service] = (byService[service] ?? 0) + d;
  }
  return { bySpan, byService };
}
