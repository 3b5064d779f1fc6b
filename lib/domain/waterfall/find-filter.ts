// Find-in-trace filter: keep the matching nodes and their ancestors, so the filter hides exactly the
// subtrees that contain no match. Walks up from each match and stops at the first ancestor already kept,
// so the total work is O(nodes) however many matches there are.
import type { TraceTree } from './trace-tree';

export function keepMaskForMatches(tree: TraceTree, matches: Int32Array): Uint8Array {
  const keep = new Uint8Array(tree.nodeCount);
  for (const m of matches) {
    for (let node = m; node >= 0 && keep[node] === 0; node = tree.parent[node]!) keep[node] = 1;
  }
  return keep;
}

/** Case-insensitive substring match over precomputed lower-case search texts; result in pre-order. */
export function findMatches(tree: TraceTree, searchText: (node: number) => string, query: string): Int32Array {
  const q = query.trim().toLowerCase();
  if (q === '') return new Int32Array(0);
  const out: number[] = [];
  for (let p = 0; p < tree.nodeCount; p++) {
    const node = tree.order[p]!;
    if (searchText(node).includes(q)) out.push(node);
  }
  return Int32Array.from(out);
}
