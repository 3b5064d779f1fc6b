// The span tree of one trace, built once, in pre-order, as flat typed arrays so 500k spans cost a few MB and
// every later step (visible rows, collapse, find) is a linear pass without allocation per span.
// Invariants:
// - node ids: 0..spanCount-1 are spans (input order); spanCount..nodeCount-1 are "missing parent" placeholders,
//   one per parent span id that was referenced but not received (orphans hang under it, never dropped);
// - `order[pos]` is the node at pre-order position pos; `depth`, `subtreeEnd` are indexed by position;
//   the subtree of the node at pos occupies positions [pos, subtreeEnd[pos]);
// - siblings are ordered by start time; roots first, then placeholders;
// - a parent cycle (a→b→a) cannot hide spans: unvisited nodes become extra roots.
export interface TraceTree {
  spanCount: number;
  nodeCount: number;
  /** Parent node per node, -1 for a root or a placeholder. */
  parent: Int32Array;
  childCount: Int32Array;
  order: Int32Array;
  posOf: Int32Array;
  depth: Int32Array;
  subtreeEnd: Int32Array;
  /** Missing parent span id per placeholder (index = node - spanCount). */
  missingParentIds: string[];
}

export interface TreeInput {
  spanIds: readonly string[];
  parentSpanIds: readonly (string | null)[];
  /** Any consistent time unit; only the order matters. */
  start: Float64Array;
}

/** Parent of each span: a span index, n + k for the k-th missing parent, or -1 for a root. */
export interface ResolvedParents {
  parentOfSpan: Int32Array;
  missingParentIds: string[];
}

export function buildTraceTree(input: TreeInput): TraceTree {
  return buildTraceTreeFromParents(resolveParents(input), input.start);
}

export function resolveParents(input: TreeInput): ResolvedParents {
  const n = input.spanIds.length;
  const indexOf = new Map<string, number>();
  for (let i = 0; i < n; i++) indexOf.set(input.spanIds[i]!, i);
  const missing = new Map<string, number>();
  const missingParentIds: string[] = [];
  const parentOfSpan = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const pid = input.parentSpanIds[i];
    if (pid == null || pid === '') {
      parentOfSpan[i] = -1;
      continue;
    }
    const p = indexOf.get(pid);
    if (p !== undefined && p !== i) {
      parentOfSpan[i] = p;
      continue;
    }
    let k = missing.get(pid);
    if (k === undefined) {
      k = missingParentIds.length;
      missing.set(pid, k);
      missingParentIds.push(pid);
    }
    parentOfSpan[i] = n + k;
  }
  return { parentOfSpan, missingParentIds };
}

/** `start`: any consistent time unit per span; only the order matters. */
export function buildTraceTreeFromParents({ parentOfSpan, missingParentIds }: ResolvedParents, start: Float64Array): TraceTree {
  const n = parentOfSpan.length;
  const nodeCount = n + missingParentIds.length;
  const parent = new Int32Array(nodeCount).fill(-1);
  parent.set(parentOfSpan);
  const nodeStart = new Float64Array(nodeCount).fill(Infinity);
  nodeStart.set(start);
  for (let i = 0; i < n; i++) {
    const p = parent[i]!;
    if (p >= n && start[i]! < nodeStart[p]!) nodeStart[p] = start[i]!;
  }
  // Sort all nodes by start once, then deal them into child lists: every list comes out sorted (CSR layout).
  const byStart = new Int32Array(nodeCount);
  for (let i = 0; i < nodeCount; i++) byStart[i] = i;
  byStart.sort((a, b) => nodeStart[a]! - nodeStart[b]! || a - b);
  const childCount = new Int32Array(nodeCount);
  for (let i = 0; i < nodeCount; i++) {
    const p = parent[i]!;
    if (p >= 0) childCount[p]!++;
  }
  const firstChild = new Int32Array(nodeCount + 1);
  for (let i = 0; i < nodeCount; i++) firstChild[i + 1] = firstChild[i]! + childCount[i]!;
  const fill = firstChild.slice(0, nodeCount);
  const children = new Int32Array(firstChild[nodeCount]!);
  const roots: number[] = [];
  const placeholderRoots: number[] = [];
  for (const node of byStart) {
    const p = parent[node]!;
    if (p >= 0) children[fill[p]!++] = node;
    else (node >= n ? placeholderRoots : roots).push(node);
  }
  const order = new Int32Array(nodeCount);
  const posOf = new Int32Array(nodeCount).fill(-1);
  const depth = new Int32Array(nodeCount);
  const subtreeEnd = new Int32Array(nodeCount);
  let pos = 0;
  // Iterative DFS: a 100k-deep chain must not overflow the call stack. The stack holds (node, depth, exit flag).
  const stackNode: number[] = [];
  const stackDepth: number[] = [];
  const visit = (root: number) => {
    if (posOf[root] !== -1) return;
    stackNode.push(root);
    stackDepth.push(0);
    while (stackNode.length > 0) {
      const node = stackNode.pop()!;
      const d = stackDepth.pop()!;
      if (node < 0) {
        subtreeEnd[posOf[~node]!] = pos;
        continue;
      }
      if (posOf[node] !== -1) continue;
      posOf[node] = pos;
      order[pos] = node;
      depth[pos] = d;
      pos++;
      stackNode.push(~node);
      stackDepth.push(d);
      for (let c = firstChild[node + 1]! - 1; c >= firstChild[node]!; c--) {
        const child = children[c]!;
        if (posOf[child] === -1) {
          stackNode.push(child);
          stackDepth.push(d + 1);
        }
      }
    }
  };
  for (const r of roots) visit(r);
  for (const r of placeholderRoots) visit(r);
  for (const node of byStart)
    if (posOf[node] === -1) {
      parent[node] = -1;
      visit(node);
    }
  return { spanCount: n, nodeCount, parent, childCount, order, posOf, depth, subtreeEnd, missingParentIds };
}
