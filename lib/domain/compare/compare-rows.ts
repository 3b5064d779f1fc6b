// A pair diff in columns, for the /compare page: the worker computes the diff and transfers these typed
// arrays (no copy, and no 100k-object structured clone for the main thread to deserialize); the nodes' full
// details stay in the worker and are asked for one at a time. Index = DiffNode.id (pre-order).
// Times are ns from each side's root start; NaN where the node has no spans on that side.
import type { DiffSummary, FirstDivergence, NodeChange, Sides, TraceDiff } from './trace-diff';

export const CHANGE_ORDER: readonly NodeChange[] = ['unchanged', 'changed', 'added', 'removed'];

export interface CompareRows {
  count: number;
  parent: Int32Array;
  depth: Int32Array;
  /** Index into CHANGE_ORDER. */
  change: Uint8Array;
  /** 1 when the node has children. */
  hasChildren: Uint8Array;
  start: Sides<Float64Array>;
  end: Sides<Float64Array>;
  spanCount: Sides<Int32Array>;
  errors: Sides<Int32Array>;
  durationNs: Sides<Float64Array>;
  service: Int32Array;
  name: Int32Array;
  services: string[];
  names: string[];
}

export interface CompareView {
  traceIds: Sides<string>;
  summary: DiffSummary;
  firstDivergence: FirstDivergence | null;
  rows: CompareRows;
}

export function compareView(diff: TraceDiff): CompareView {
  const n = diff.nodes.length;
  const sides = <T>(make: () => T): Sides<T> => ({ a: make(), b: make() });
  const rows: CompareRows = {
    count: n,
    parent: new Int32Array(n),
    depth: new Int32Array(n),
    change: new Uint8Array(n),
    hasChildren: new Uint8Array(n),
    start: sides(() => new Float64Array(n)),
    end: sides(() => new Float64Array(n)),
    spanCount: sides(() => new Int32Array(n)),
    errors: sides(() => new Int32Array(n)),
    durationNs: sides(() => new Float64Array(n)),
    service: new Int32Array(n),
    name: new Int32Array(n),
    services: [],
    names: [],
  };
  const serviceIds = new Map<string, number>();
  const nameIds = new Map<string, number>();
  const intern = (ids: Map<string, number>, list: string[], value: string): number => {
    let id = ids.get(value);
    if (id === undefined) ids.set(value, (id = list.push(value) - 1));
    return id;
  };
  for (const node of diff.nodes) {
    const i = node.id;
    rows.parent[i] = node.parent;
    rows.depth[i] = node.depth;
    rows.change[i] = CHANGE_ORDER.indexOf(node.change);
    if (node.parent >= 0) rows.hasChildren[node.parent] = 1;
    for (const side of ['a', 'b'] as const) {
      const window = node.window[side];
      rows.start[side][i] = window ? window.start : NaN;
      rows.end[side][i] = window ? window.end : NaN;
      rows.spanCount[side][i] = node.count[side];
      rows.errors[side][i] = node.errors[side];
      rows.durationNs[side][i] = node.durationNs[side];
    }
    rows.service[i] = intern(serviceIds, rows.services, node.service);
    rows.name[i] = intern(nameIds, rows.names, node.name);
  }
  return { traceIds: diff.traceIds, summary: diff.summary, firstDivergence: diff.firstDivergence, rows };
}

export function compareRowsTransferables(rows: CompareRows): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [rows.parent, rows.depth, rows.change, rows.hasChildren, rows.service, rows.name];
  for (const side of ['a', 'b'] as const) arrays.push(rows.start[side], rows.end[side], rows.spanCount[side], rows.errors[side], rows.durationNs[side]);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

/**
 * The rows to draw, in pre-order: subtrees of collapsed nodes are skipped, and with `onlyChanges` a node is
 * kept only when it or a descendant changed (so the path to every change stays visible). O(n).
 */
export function visibleCompareRows(rows: CompareRows, collapsed: ReadonlySet<number>, onlyChanges: boolean): Int32Array {
  const n = rows.count;
  let keep: Uint8Array | null = null;
  if (onlyChanges) {
    keep = new Uint8Array(n);
    // Pre-order puts children after parents: one backward pass carries "has a change" up to every ancestor.
    for (let i = n - 1; i >= 0; i--) {
      if (rows.change[i] !== 0) keep[i] = 1;
      if (keep[i] && rows.parent[i]! >= 0) keep[rows.parent[i]!] = 1;
    }
  }
  const out = new Int32Array(n);
  let count = 0;
  let skipDeeperThan = -1;
  for (let i = 0; i < n; i++) {
    const depth = rows.depth[i]!;
    if (skipDeeperThan >= 0) {
      if (depth > skipDeeperThan) continue;
      skipDeeperThan = -1;
    }
    if (keep && !keep[i]) continue;
    out[count++] = i;
    if (collapsed.has(i)) skipDeeperThan = depth;
  }
  return out.slice(0, count);
}
