// Children of every span ordered by corrected end, latest first (CSR with the tree's offsets; ties: later
// start first, so a zero-length child at a boundary does not hide its sibling). Each parent's children are
// sorted in place: insertion sort for the usual handful, a typed-array sort for big fan-outs. Cheaper than one
// global sort of all spans, and no temporary arrays.
import type { SpanTree } from './span-tree';

const SMALL = 12;

export function childrenByEndDesc(tree: SpanTree, end: Float64Array, start: Float64Array): Int32Array {
  const list = tree.childList.slice();
  const offsets = tree.childOffsets;
  const n = tree.parent.length;
  const before = (a: number, b: number): boolean => end[a]! > end[b]! || (end[a] === end[b] && start[a]! > start[b]!);
  for (let p = 0; p < n; p++) {
    const from = offsets[p]!;
    const to = offsets[p + 1]!;
    if (to - from < 2) continue;
    if (to - from > SMALL) {
      list.subarray(from, to).sort((a, b) => end[b]! - end[a]! || start[b]! - start[a]!);
      continue;
    }
    for (let k = from + 1; k < to; k++) {
      const x = list[k]!;
      let j = k - 1;
      while (j >= from && before(x, list[j]!)) {
        list[j + 1] = list[j]!;
        j--;
      }
      list[j + 1] = x;
    }
  }
  return list;
}
