// Aligns two traces by path, not by span id: a node is one (service, span name) under its aligned parent,
// starting from the roots. Spans of the same operation under the same parent (retries, fan-out) share a node
// and are counted, so a retry raises a count instead of shifting every later sibling, and reordered parallel
// siblings align with no difference. Children of all occurrences merge into the same child nodes.
// Nodes come out in pre-order, siblings ordered by their earliest start in A (B's for nodes only in B).
// O(n) plus one sort of each node's children. Times as in trace-shape.ts.
//
// Columnar (issue #16): two 100k-span traces make ~100k nodes, and an object per node and side (plus a
// draft, a children array and a duration array each) made garbage collection the largest cost of a diff.
// Every per-node figure lives in a typed array indexed by node id instead; there are at most
// a.count + b.count nodes, so the arrays are allocated once at their final size.
import { anyValueToText } from '../model/any-value';
import { ATTRIBUTES_OF_INTEREST, MAX_VALUES_PER_KEY } from './attributes-of-interest';
import type { TraceShape } from './trace-shape';
import { WordTable } from '../waterfall/resolve-parents-by-words';

/** One side's figures per aligned node (index = node id); count 0 = the node has no span on that side. */
export interface SideColumns {
  count: Int32Array;
  errors: Int32Array;
  durationSum: Float64Array;
  selfTimeSum: Float64Array;
  /** Earliest start and latest end of the node's spans (Infinity / -Infinity without spans). */
  start: Float64Array;
  end: Float64Array;
  /** Nearest-rank p95 of the node's span durations (the duration itself for a single span). */
  p95: Float64Array;
  onCriticalPath: Uint8Array;
  /** Values of the attributes of interest, by key, for the few nodes whose spans carry any. */
  values: Map<number, Map<string, Set<string>>>;
}

export interface Alignment {
  /** Number of aligned nodes; ids 0..count-1 are in pre-order. */
  count: number;
  parent: Int32Array;
  depth: Int32Array;
  service: string[];
  name: string[];
  /** Path from the root, `service name` per level joined by ` > ` (see DiffNode.key). */
  key: string[];
  a: SideColumns;
  b: SideColumns;
  /** Aligned node of each span, per side. */
  nodeOfSpan: { a: Int32Array; b: Int32Array };
}

/** Nodes in creation order (A's spans first, then B's) before the pre-order renumbering. */
interface Drafts {
  count: number;
  parent: Int32Array;
  operation: Int32Array;
  /** (parent draft, operation) → draft, keyed as unsigned words (the parent of a root is -1). */
  byKey: WordTable;
  /** Span name → operation id per service id (index into serviceIds' order); -1 = none yet. */
  operations: Map<string, number[]>;
  serviceIds: Map<string, number>;
  services: string[];
  names: string[];
}

export function alignTraces(a: TraceShape, b: TraceShape): Alignment {
  const capacity = a.table.count + b.table.count;
  const drafts: Drafts = {
    count: 0,
    parent: new Int32Array(capacity),
    operation: new Int32Array(capacity),
    byKey: new WordTable(capacity),
    operations: new Map(),
    serviceIds: new Map(),
    services: [],
    names: [],
  };
  const sideA = emptyColumns(capacity);
  const sideB = emptyColumns(capacity);
  const draftOfA = addSide(a, sideA, drafts);
  const draftOfB = addSide(b, sideB, drafts);
  const n = drafts.count;

  // Children of each draft as CSR, then each sibling list sorted: earliest start in A (else B), nodes in A
  // first, then creation order.
  const childOffsets = new Int32Array(n + 2);
  for (let d = 0; d < n; d++) childOffsets[drafts.parent[d]! + 2]!++;
  for (let k = 0; k <= n; k++) childOffsets[k + 1]! += childOffsets[k]!;
  const childList = new Int32Array(n);
  const fill = childOffsets.slice(0, n + 1);
  for (let d = 0; d < n; d++) childList[fill[drafts.parent[d]! + 1]!++] = d;
  const sortKey = (d: number): number => (sideA.count[d]! > 0 ? sideA.start[d]! : sideB.start[d]!);
  const bySortKey = (x: number, y: number): number => sortKey(x) - sortKey(y) || (sideA.count[x]! > 0 ? 0 : 1) - (sideA.count[y]! > 0 ? 0 : 1) || x - y;
  for (let k = 0; k <= n; k++) {
    if (childOffsets[k + 1]! - childOffsets[k]! > 1) childList.subarray(childOffsets[k]!, childOffsets[k + 1]!).sort(bySortKey);
  }

  // Iterative pre-order (a 100k-deep chain must not overflow the stack). Slot 0 of the CSR holds the roots.
  const newId = new Int32Array(n);
  const parent = new Int32Array(n);
  const depth = new Int32Array(n);
  const service = new Array<string>(n);
  const name = new Array<string>(n);
  const key = new Array<string>(n);
  const order = new Int32Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  for (let c = childOffsets[1]! - 1; c >= childOffsets[0]!; c--) stack[top++] = childList[c]!;
  for (let id = 0; top > 0; id++) {
    const d = stack[--top]!;
    const p = drafts.parent[d]!;
    const op = drafts.operation[d]!;
    newId[d] = id;
    order[id] = d;
    parent[id] = p < 0 ? -1 : newId[p]!;
    depth[id] = p < 0 ? 0 : depth[newId[p]!]! + 1;
    service[id] = drafts.services[op]!;
    name[id] = drafts.names[op]!;
    // A rope (cons string): cheap to build; only flattened if someone reads its characters.
    const segment = `${service[id]} ${name[id]}`;
    key[id] = p < 0 ? segment : `${key[newId[p]!]} > ${segment}`;
    for (let c = childOffsets[d + 2]! - 1; c >= childOffsets[d + 1]!; c--) stack[top++] = childList[c]!;
  }
  const remap = (of: Int32Array): Int32Array => of.map((d) => newId[d]!);
  return {
    count: n,
    parent,
    depth,
    service,
    name,
    key,
    a: permute(sideA, order, newId),
    b: permute(sideB, order, newId),
    nodeOfSpan: { a: remap(draftOfA), b: remap(draftOfB) },
  };
}

/** Both sides' service names as ids shared by the two traces (a table interns its own). */
function serviceIdsOf(drafts: Drafts, serviceNames: readonly string[]): Int32Array {
  const ids = new Int32Array(serviceNames.length);
  serviceNames.forEach((service, k) => {
    let id = drafts.serviceIds.get(service);
    if (id === undefined) drafts.serviceIds.set(service, (id = drafts.serviceIds.size));
    ids[k] = id;
  });
  return ids;
}

// One Map lookup per span (by name; the service is already a small integer in the table) instead of two
// nested ones keyed by strings: a tenth of a cold diff's CPU in a profile.
function operationId(drafts: Drafts, serviceId: number, service: string, name: string): number {
  let byService = drafts.operations.get(name);
  if (!byService) drafts.operations.set(name, (byService = []));
  let id = byService[serviceId];
  if (id === undefined) {
    byService[serviceId] = id = drafts.services.length;
    drafts.services.push(service);
    drafts.names.push(name);
  }
  return id;
}

function addSide(shape: TraceShape, side: SideColumns, drafts: Drafts): Int32Array {
  const { table, tree } = shape;
  const nodeOf = new Int32Array(table.count);
  const byKey = drafts.byKey;
  const serviceIds = serviceIdsOf(drafts, table.serviceNames);
  // tree.order lists parents before children, so a span's parent node exists when the span is placed.
  for (let k = 0; k < table.count; k++) {
    const i = tree.order[k]!;
    const p = tree.parent[i]!;
    const parentNode = p < 0 ? -1 : nodeOf[p]!;
    const span = table.spans[i]!;
    const service = table.service[i]!;
    const operation = operationId(drafts, serviceIds[service]!, table.serviceNames[service]!, span.name);
    let node = byKey.get(parentNode >>> 0, operation);
    if (node < 0) {
      node = drafts.count++;
      byKey.set(parentNode >>> 0, operation, node);
      drafts.parent[node] = parentNode;
      drafts.operation[node] = operation;
    }
    nodeOf[i] = node;
    const s = shape.start[i]!;
    const e = shape.end[i]!;
    side.count[node]!++;
    side.errors[node]! += table.error[i]!;
    side.durationSum[node]! += e - s;
    side.selfTimeSum[node]! += shape.selfTimeNs[i]!;
    if (s < side.start[node]!) side.start[node] = s;
    if (e > side.end[node]!) side.end[node] = e;
    if (span.attributes) collectValues(side, node, span.attributes);
  }
  for (const i of shape.criticalPath) side.onCriticalPath[nodeOf[i]!] = 1;
  percentiles(shape, side, nodeOf);
  return nodeOf;
}

/** p95 per node: single-span nodes (most) take their duration; others sort their spans' durations, grouped by node. */
function percentiles(shape: TraceShape, side: SideColumns, nodeOf: Int32Array): void {
  const n = side.count.length;
  const offsets = new Int32Array(n + 1);
  let multi = false;
  for (let node = 0; node < n; node++) {
    const c = side.count[node]!;
    if (c === 1) side.p95[node] = side.durationSum[node]!;
    else if (c > 1) multi = true;
    offsets[node + 1] = offsets[node]! + (c > 1 ? c : 0);
  }
  if (!multi) return;
  const durations = new Float64Array(offsets[n]!);
  const fill = offsets.slice(0, n);
  for (let i = 0; i < nodeOf.length; i++) {
    const node = nodeOf[i]!;
    if (side.count[node]! > 1) durations[fill[node]!++] = shape.end[i]! - shape.start[i]!;
  }
  for (let node = 0; node < n; node++) {
    const c = side.count[node]!;
    if (c > 1) side.p95[node] = nearestRank(durations.subarray(offsets[node]!, offsets[node + 1]!).sort(), 0.95);
  }
}

/** Nearest-rank percentile of sorted values. */
function nearestRank(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

function emptyColumns(capacity: number): SideColumns {
  return {
    count: new Int32Array(capacity),
    errors: new Int32Array(capacity),
    durationSum: new Float64Array(capacity),
    selfTimeSum: new Float64Array(capacity),
    start: new Float64Array(capacity).fill(Infinity),
    end: new Float64Array(capacity).fill(-Infinity),
    p95: new Float64Array(capacity),
    onCriticalPath: new Uint8Array(capacity),
    values: new Map(),
  };
}

/** Columns reordered from draft order to pre-order ids (order[id] = draft). */
function permute(side: SideColumns, order: Int32Array, newId: Int32Array): SideColumns {
  const n = order.length;
  const out = emptyColumns(n);
  for (let id = 0; id < n; id++) {
    const d = order[id]!;
    out.count[id] = side.count[d]!;
    out.errors[id] = side.errors[d]!;
    out.durationSum[id] = side.durationSum[d]!;
    out.selfTimeSum[id] = side.selfTimeSum[d]!;
    out.start[id] = side.start[d]!;
    out.end[id] = side.end[d]!;
    out.p95[id] = side.p95[d]!;
    out.onCriticalPath[id] = side.onCriticalPath[d]!;
  }
  for (const [d, values] of side.values) out.values.set(newId[d]!, values);
  return out;
}

function collectValues(side: SideColumns, node: number, attributes: NonNullable<TraceShape['table']['spans'][number]['attributes']>): void {
  for (const key of ATTRIBUTES_OF_INTEREST) {
    const value = attributes[key];
    if (value === undefined) continue;
    let values = side.values.get(node);
    if (!values) side.values.set(node, (values = new Map()));
    let set = values.get(key);
    if (!set) values.set(key, (set = new Set()));
    if (set.size < MAX_VALUES_PER_KEY) set.add(anyValueToText(value));
  }
}
