// Children of every span ordered by corrected end, latest first (CSR with the tree's offsets). One global
// sort of all indices, then a stable bucket fill: O(n log n) once instead of a sort per parent.
import type { SpanTree } from './span-tree';

export function childrenByEndDesc(tree: SpanTree, end: Float64Array, start: Float64Array): Int32Array {
  const n = tree.parent.length;
  const sorted = new Int32Array(n);
  for (let i = 0; i < n; i++) sorted[i] = i;
  // Ties on end: the later start first, so a zero-length child at a boundary does not hide its sibling.
  sorted.sort((a, b) => end[b]! - end[a]! || start[b]! - start[a]!);
  const list = new Int32Array(tree.childList.length);
  const fill = tree.childOffsets.slice(0, n);
  for (let k = 0; k < n; k++) {
    const i = sorted[k]!;
    const p = tree.parent[i]!;
    if (p >= 0) list[fill[p]!++] = i;
  }
  return list;
}
