// Visible rows: a pure function of (tree, collapsed set, keep mask). One linear pass over pre-order
// positions that jumps over collapsed or filtered subtrees via subtreeEnd, so expanding all of a 500k-span
// trace is a few milliseconds and nothing per row is rebuilt. Output: pre-order positions of visible rows.
import type { TraceTree } from './trace-tree';

export function computeVisibleRows(tree: TraceTree, collapsed: ReadonlySet<number>, keep: Uint8Array | null): Int32Array {
  const { order, subtreeEnd, nodeCount } = tree;
  const out = new Int32Array(nodeCount);
  const checkCollapsed = collapsed.size > 0;
  let k = 0;
  for (let p = 0; p < nodeCount;) {
    const node = order[p]!;
    if (keep !== null && keep[node] === 0) {
      p = subtreeEnd[p]!;
      continue;
    }
    out[k++] = p;
    p = checkCollapsed && collapsed.has(node) ? subtreeEnd[p]! : p + 1;
  }
  return out.slice(0, k);
}
