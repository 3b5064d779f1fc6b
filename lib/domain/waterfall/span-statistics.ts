// Per-span self time and per service+operation statistics of one trace, for the span table and the statistics
// view (the views Jaeger UI users expect). Pure and linear-ish (one sort of each parent's children), computed
// only when one of those views is opened. Units: relative nanoseconds on the corrected timeline, as doubles.
// Self time = duration minus the union of the children's intervals clipped to the span (parallel children are
// not subtracted twice; time a child runs past its parent is not the parent's).
import { RowFlag, type WaterfallData } from './waterfall-data';

export type StatisticsInput = Pick<WaterfallData, 'tree' | 'correctedStart' | 'correctedEnd' | 'flags' | 'names' | 'nameIndex' | 'services' | 'serviceIndex'>;

export function selfTimes(data: Pick<WaterfallData, 'tree' | 'correctedStart' | 'correctedEnd'>): Float64Array {
  const { tree, correctedStart: start, correctedEnd: end } = data;
  const n = tree.nodeCount;
  // Children of each node as a CSR list (count, then fill), so no per-node arrays are allocated.
  const offset = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) if (tree.parent[v]! >= 0) offset[tree.parent[v]! + 1]!++;
  for (let v = 0; v < n; v++) offset[v + 1]! += offset[v]!;
  const cursor = offset.slice(0, n);
  const children = new Int32Array(offset[n]!);
  for (let v = 0; v < n; v++) {
    const p = tree.parent[v]!;
    if (p >= 0) children[cursor[p]!++] = v;
  }
  const self = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const s = start[v]!;
    const e = end[v]!;
    const list = Array.from(children.subarray(offset[v]!, offset[v + 1]!)).sort((a, b) => start[a]! - start[b]!);
    let covered = 0;
    let runStart = -Infinity;
    let runEnd = -Infinity;
    for (const c of list) {
      const cs = Math.max(start[c]!, s);
      const ce = Math.min(end[c]!, e);
      if (ce <= cs) continue;
      if (cs > runEnd) {
        if (runEnd > runStart) covered += runEnd - runStart;
        runStart = cs;
        runEnd = ce;
      } else if (ce > runEnd) runEnd = ce;
    }
    if (runEnd > runStart) covered += runEnd - runStart;
    self[v] = Math.max(0, e - s - covered);
  }
  return self;
}

export interface OperationStatistics {
  service: string;
  operation: string;
  count: number;
  errors: number;
  totalNs: number;
  selfNs: number;
  maxNs: number;
}

/** One row per service + operation (placeholders for missing parents are not spans and are left out). */
export function operationStatistics(data: StatisticsInput, self: Float64Array = selfTimes(data)): OperationStatistics[] {
  const rows = new Map<string, OperationStatistics>();
  for (let v = 0; v < data.tree.spanCount; v++) {
    if (data.flags[v]! & RowFlag.PLACEHOLDER) continue;
    const service = data.services[data.serviceIndex[v]!] ?? '';
    const operation = data.names[data.nameIndex[v]!] ?? '';
    const key = `${service}\u0000${operation}`;
    let row = rows.get(key);
    if (!row) {
      row = { service, operation, count: 0, errors: 0, totalNs: 0, selfNs: 0, maxNs: 0 };
      rows.set(key, row);
    }
    const duration = Math.max(0, data.correctedEnd[v]! - data.correctedStart[v]!);
    row.count++;
    row.totalNs += duration;
    row.selfNs += self[v]!;
    row.maxNs = Math.max(row.maxNs, duration);
    if (data.flags[v]! & RowFlag.ERROR) row.errors++;
  }
  return [...rows.values()];
}
