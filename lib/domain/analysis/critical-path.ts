// Critical path: the chain of span segments that determined the end-to-end duration of the primary root.
// Walk back from the root's end; at each point follow the child that finished last before that point (its
// end clipped to the parent's window), recursively, and charge the gaps to the parent. A child is eligible
// when its clipped end is <= the cursor, so a sibling that ends exactly when the next one starts is followed
// too, and so is one that overlaps the next sibling by less than the clock resolution of the two spans
// (span-table.ts): the JS SDK records starts to the whole millisecond, so back-to-back calls often "overlap"
// by a fraction of a millisecond, and skipping such a child would charge the whole gap to the parent as its
// own time. Children overhanging their parent are clipped; detached PRODUCER→CONSUMER work and zero-length
// children are left out. Iterative (explicit stack) so a 100k-deep chain cannot overflow the call stack.
// Segments come out in reverse time order and are reversed once at the end.
import { isDetached, type SpanTable } from './span-table';
import type { SpanTree } from './span-tree';

export interface PathSegment {
  span: number;
  /** Relative nanoseconds (corrected), start < end. */
  start: number;
  end: number;
}

export function computeCriticalPath(table: SpanTable, tree: SpanTree, byEnd: Int32Array, start: Float64Array, end: Float64Array): PathSegment[] {
  const out: PathSegment[] = [];
  walkCriticalPath(table, tree, byEnd, start, end, (span, segmentStart, segmentEnd) => out.push({ span, start: segmentStart, end: segmentEnd }));
  return out.reverse();
}

/**
 * The same walk, handing each segment to `visit` latest first, for callers that need no segment objects: a
 * pair diff only reads which spans are on the path, and at 100k spans the path has ~200k segments.
 */
export function walkCriticalPath(table: SpanTable, tree: SpanTree, byEnd: Int32Array, start: Float64Array, end: Float64Array, visit: (span: number, start: number, end: number) => void): void {
  const root = tree.primaryRoot;
  if (root < 0) return;
  const stackSpan: number[] = [root];
  const stackLo: number[] = [start[root]!];
  const stackHi: number[] = [end[root]!];
  const stackCursor: number[] = [end[root]!];
  const stackPtr: number[] = [tree.childOffsets[root]!];

  while (stackSpan.length > 0) {
    const top = stackSpan.length - 1;
    const s = stackSpan[top]!;
    const lo = stackLo[top]!;
    const hi = stackHi[top]!;
    const cursor = stackCursor[top]!;
    let ptr = stackPtr[top]!;
    const stop = tree.childOffsets[s + 1]!;
    let descended = false;
    while (ptr < stop) {
      const c = byEnd[ptr++]!;
      if (isDetached(table, s, c)) continue;
      const resolution = table.resolution[c]! > table.resolution[s]! ? table.resolution[c]! : table.resolution[s]!;
      let cEnd = Math.min(end[c]!, hi);
      const cStart = Math.max(start[c]!, lo);
      if (cEnd > cursor + resolution) continue; // overlaps the child already followed
      if (cEnd > cursor) cEnd = cursor; // overlaps by less than the clocks can tell: sequential
      if (cEnd <= lo) break; // sorted by end: every remaining child ends before the window
      if (cEnd <= cStart) continue;
      if (cursor > cEnd) visit(s, cEnd, cursor);
      stackCursor[top] = cStart;
      stackPtr[top] = ptr;
      stackSpan.push(c);
      stackLo.push(cStart);
      stackHi.push(cEnd);
      stackCursor.push(cEnd);
      stackPtr.push(tree.childOffsets[c]!);
      descended = true;
      break;
    }
    if (descended) continue;
    if (cursor > lo) visit(s, lo, cursor);
    stackSpan.pop();
    stackLo.pop();
    stackHi.pop();
    stackCursor.pop();
    stackPtr.pop();
  }
}
