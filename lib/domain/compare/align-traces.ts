// Aligns two traces by path, not by span id: a node is one (service, span name) under its aligned parent,
// starting from the roots. Spans of the same operation under the same parent (retries, fan-out) share a node
// and are counted, so a retry raises a count instead of shifting every later sibling, and reordered parallel
// siblings align with no difference. Children of all occurrences merge into the same child nodes.
// Nodes come out in pre-order, siblings ordered by their earliest start in A (B's for nodes only in B).
// O(n) plus one sort of each node's children. Times as in trace-shape.ts.
import { anyValueToText } from '../model/any-value';
import { ATTRIBUTES_OF_INTEREST, MAX_VALUES_PER_KEY } from './attributes-of-interest';
import type { TraceShape } from './trace-shape';

export interface SideStats {
  count: number;
  errors: number;
  durationSum: number;
  /** Every span's duration, kept only once a second span joins the node (for percentiles; saves an array per node). */
  durations: number[] | null;
  selfTimeSum: number;
  start: number;
  end: number;
  /** Values of the attributes of interest, by key; null while the node's spans have none (most nodes). */
  values: Map<string, Set<string>> | null;
  onCriticalPath: boolean;
}

export interface AlignedNode {
  parent: number;
  depth: number;
  service: string;
  name: string;
  key: string;
  a: SideStats | null;
  b: SideStats | null;
}

export interface Alignment {
  nodes: AlignedNode[];
  /** Aligned node of each span, per side. */
  nodeOfSpan: { a: Int32Array; b: Int32Array };
}

interface Draft {
  parent: number;
  service: string;
  name: string;
  a: SideStats | null;
  b: SideStats | null;
  children: number[];
}

export function alignTraces(a: TraceShape, b: TraceShape): Alignment {
  const drafts: Draft[] = [];
  const index: NodeIndex = { byKey: new Map(), operations: new Map(), operationCount: 0 };
  const nodeOfA = addSide(a, 'a', drafts, index);
  const nodeOfB = addSide(b, 'b', drafts, index);

  const roots: number[] = [];
  for (let d = 0; d < drafts.length; d++) {
    const p = drafts[d]!.parent;
    (p < 0 ? roots : drafts[p]!.children).push(d);
  }
  const sortKey = (d: number): number => drafts[d]!.a?.start ?? drafts[d]!.b!.start;
  const bySortKey = (x: number, y: number): number => sortKey(x) - sortKey(y) || (drafts[x]!.a ? 0 : 1) - (drafts[y]!.a ? 0 : 1) || x - y;

  // Iterative pre-order (a 100k-deep chain must not overflow the stack).
  const newId = new Int32Array(drafts.length);
  const nodes: AlignedNode[] = [];
  const stack = roots.sort(bySortKey).reverse();
  const depthOf = new Int32Array(drafts.length);
  const keyOf: string[] = new Array<string>(drafts.length);
  while (stack.length > 0) {
    const d = stack.pop()!;
    const draft = drafts[d]!;
    const parent = draft.parent < 0 ? -1 : newId[draft.parent]!;
    const depth = draft.parent < 0 ? 0 : depthOf[draft.parent]! + 1;
    const segment = `${draft.service} ${draft.name}`;
    const key = draft.parent < 0 ? segment : `${keyOf[draft.parent]} > ${segment}`;
    depthOf[d] = depth;
    keyOf[d] = key;
    newId[d] = nodes.length;
    nodes.push({ parent, depth, service: draft.service, name: draft.name, key, a: draft.a, b: draft.b });
    const children = draft.children.sort(bySortKey);
    for (let k = children.length - 1; k >= 0; k--) stack.push(children[k]!);
  }
  const remap = (of: Int32Array): Int32Array => of.map((d) => newId[d]!);
  return { nodes, nodeOfSpan: { a: remap(nodeOfA), b: remap(nodeOfB) } };
}

/**
 * Nodes by (parent node, operation) as one number, operations (service + name) interned to small integers:
 * number keys hash far faster than the strings they replace (the alignment's hot loop).
 */
interface NodeIndex {
  byKey: Map<number, number>;
  operations: Map<string, Map<string, number>>;
  operationCount: number;
}

/** Operation ids stay below this, so parent × OPERATION_SPACE + operation is an exact integer in a double. */
const OPERATION_SPACE = 2 ** 26;

function operationId(index: NodeIndex, service: string, name: string): number {
  let names = index.operations.get(service);
  if (!names) index.operations.set(service, (names = new Map()));
  let id = names.get(name);
  if (id === undefined) names.set(name, (id = index.operationCount++));
  return id;
}

function addSide(shape: TraceShape, side: 'a' | 'b', drafts: Draft[], index: NodeIndex): Int32Array {
  const { table, tree } = shape;
  const nodeOf = new Int32Array(table.count);
  const byKey = index.byKey;
  // tree.order lists parents before children, so a span's parent node exists when the span is placed.
  for (let k = 0; k < table.count; k++) {
    const i = tree.order[k]!;
    const p = tree.parent[i]!;
    const parentNode = p < 0 ? -1 : nodeOf[p]!;
    const service = table.serviceNames[table.service[i]!]!;
    const span = table.spans[i]!;
    const key = (parentNode + 1) * OPERATION_SPACE + operationId(index, service, span.name);
    let node = byKey.get(key);
    if (node === undefined) {
      node = drafts.length;
      byKey.set(key, node);
      drafts.push({ parent: parentNode, service, name: span.name, a: null, b: null, children: [] });
    }
    nodeOf[i] = node;
    const draft = drafts[node]!;
    const stats = (draft[side] ??= emptyStats());
    stats.count++;
    stats.errors += table.error[i]!;
    const s = shape.start[i]!;
    const e = shape.end[i]!;
    if (stats.count === 2) stats.durations = [stats.durationSum, e - s];
    else if (stats.durations) stats.durations.push(e - s);
    stats.durationSum += e - s;
    stats.selfTimeSum += shape.selfTimeNs[i]!;
    if (s < stats.start) stats.start = s;
    if (e > stats.end) stats.end = e;
    if (span.attributes) collectValues(stats, span.attributes);
  }
  for (const i of shape.criticalPath) drafts[nodeOf[i]!]![side]!.onCriticalPath = true;
  return nodeOf;
}

function emptyStats(): SideStats {
  return { count: 0, errors: 0, durationSum: 0, durations: null, selfTimeSum: 0, start: Infinity, end: -Infinity, values: null, onCriticalPath: false };
}

function collectValues(stats: SideStats, attributes: NonNullable<TraceShape['table']['spans'][number]['attributes']>): void {
  for (const key of ATTRIBUTES_OF_INTEREST) {
    const value = attributes[key];
    if (value === undefined) continue;
    const values = (stats.values ??= new Map());
    let set = values.get(key);
    if (!set) values.set(key, (set = new Set()));
    if (set.size < MAX_VALUES_PER_KEY) set.add(anyValueToText(value));
  }
}
