// Collapse state as pure Set → Set functions over node ids (see trace-tree.ts). A collapsed node keeps its
// row; its descendants are hidden.
import type { TraceTree } from './trace-tree';

export function toggleCollapsed(collapsed: ReadonlySet<number>, node: number): Set<number> {
  const next = new Set(collapsed);
  if (next.has(node)) next.delete(node);
  else next.add(node);
  return next;
}

export function setCollapsed(collapsed: ReadonlySet<number>, node: number, value: boolean): ReadonlySet<number> {
  if (collapsed.has(node) === value) return collapsed;
  return toggleCollapsed(collapsed, node);
}

export function collapseAll(tree: TraceTree): Set<number> {
  return collapseToDepth(tree, 0);
}

/** Rows at depth < `depth` stay open; every node with children at depth >= `depth` is collapsed. */
export function collapseToDepth(tree: TraceTree, depth: number): Set<number> {
  const out = new Set<number>();
  for (let p = 0; p < tree.nodeCount; p++) {
    const node = tree.order[p]!;
    if (tree.depth[p]! >= depth && tree.childCount[node]! > 0) out.add(node);
  }
  return out;
}

export function expandAll(): Set<number> {
  return new Set();
}

/** Opens every ancestor of `node` so its row becomes visible. */
export function revealNode(tree: TraceTree, collapsed: ReadonlySet<number>, node: number): ReadonlySet<number> {
  let next: Set<number> | null = null;
  for (let p = tree.parent[node]!; p >= 0; p = tree.parent[p]!) {
    if (collapsed.has(p)) {
      next ??= new Set(collapsed);
      next.delete(p);
    }
  }
  return next ?? collapsed;
}
