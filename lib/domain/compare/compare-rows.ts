// A pair diff in columns, for the /compare page: the worker computes the diff and transfers these typed
// arrays (no copy, and no 100k-object structured clone for the main thread to deserialize); the nodes' full
// details stay in the worker and are asked for one at a time. Index = DiffNode.id (pre-order).
// Times are ns from each side's root start; NaN where the node has no spans on that side.
import { CHANGE_ORDER, type PairDiff } from './pair-diff';
import type { DiffSummary, FirstDivergence, Sides } from './trace-diff';

export { CHANGE_ORDER };

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

/** The rows of a diff in columns (pair-diff.ts): no DiffNode is built. */
export function compareView(diff: PairDiff): CompareView {
  const { aligned } = diff;
  const n = aligned.count;
  const rows: CompareRows = {
    count: n,
    parent: aligned.parent.slice(),
    depth: aligned.depth.slice(),
    change: diff.change.slice(),
    hasChildren: new Uint8Array(n),
    start: { a: new Float64Array(n), b: new Float64Array(n) },
    end: { a: new Float64Array(n), b: new Float64Array(n) },
    spanCount: { a: aligned.a.count.slice(), b: aligned.b.count.slice() },
    errors: { a: aligned.a.errors.slice(), b: aligned.b.errors.slice() },
    durationNs: { a: new Float64Array(n), b: new Float64Array(n) },
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
  for (let i = 0; i < n; i++) {
    if (aligned.parent[i]! >= 0) rows.hasChildren[aligned.parent[i]!] = 1;
    for (const side of ['a', 'b'] as const) {
      const columns = aligned[side];
      const count = columns.count[i]!;
      rows.start[side][i] = count > 0 ? columns.start[i]! : NaN;
      rows.end[side][i] = count > 0 ? columns.end[i]! : NaN;
      rows.durationNs[side][i] = count > 0 ? columns.durationSum[i]! / count : 0;
    }
    rows.service[i] = intern(serviceIds, rows.services, aligned.service[i]!);
    rows.name[i] = intern(nameIds, rows.names, aligned.name[i]!);
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
