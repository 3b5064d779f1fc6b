// A pair diff in columns: the alignment (align-traces.ts) plus, per aligned node, its change and which
// differences were beyond the noise profile or absorbed by it, as bitmasks; the summary and the first
// divergence are computed from these columns. The document (TraceDiff, diff-traces.ts) is built from it one
// DiffNode at a time: the CLI and the API build all of them; the /compare page's worker builds none up front
// (it transfers rows, compare-rows.ts) and one per node the user opens. A 100k-node document is ~1M small
// objects whose garbage collection was the largest cost of a diff.
import { alignTraces, type Alignment } from './align-traces';
import { STATUS_ATTRIBUTES } from './attributes-of-interest';
import { DEFAULT_NOISE_PROFILE, matchesOperation, type NoiseProfile, type NoiseRule } from './noise-profile';
import type { AttributeDifference, DiffNode, DiffSummary, Difference, FirstDivergence, NodeChange, Sides } from './trace-diff';
import type { TraceShape } from './trace-shape';

/** change[] holds indexes into this list. */
export const CHANGE_ORDER: readonly NodeChange[] = ['unchanged', 'changed', 'added', 'removed'];
const UNCHANGED = 0;
const CHANGED = 1;
const ADDED = 2;
const REMOVED = 3;

/** Bit k of a differences or noise mask stands for DIFFERENCE_ORDER[k], the order the document lists them in. */
export const DIFFERENCE_ORDER: readonly Difference[] = ['count', 'status', 'duration', 'self-time', 'attributes'];
const COUNT = 1;
const STATUS = 2;
const DURATION = 4;
const SELF_TIME = 8;
const ATTRIBUTES = 16;

export interface PairDiff {
  traceIds: Sides<string>;
  aligned: Alignment;
  /** Index into CHANGE_ORDER, per node. */
  change: Uint8Array;
  /** Differences beyond the noise profile (0 for unchanged nodes), bits as in DIFFERENCE_ORDER. */
  differences: Uint8Array;
  /** Differences the noise profile absorbed. */
  noise: Uint8Array;
  /** Attribute differences of the few nodes that have any. */
  attributes: Map<number, AttributeDifference[]>;
  summary: DiffSummary;
  firstDivergence: FirstDivergence | null;
}

export function diffPair(a: TraceShape, b: TraceShape, noise: NoiseProfile = DEFAULT_NOISE_PROFILE): PairDiff {
  const aligned = alignTraces(a, b);
  const n = aligned.count;
  const diff: PairDiff = {
    traceIds: { a: a.table.spans[0]?.traceId ?? '', b: b.table.spans[0]?.traceId ?? '' },
    aligned,
    change: new Uint8Array(n),
    differences: new Uint8Array(n),
    noise: new Uint8Array(n),
    attributes: new Map(),
    summary: emptySummary(a, b),
    firstDivergence: null,
  };
  // Node keys are ropes; looking one up flattens it, so only when there are per-path rules to find.
  const hasPathRules = Object.keys(noise.paths).length > 0;
  const ignored = new Set(noise.ignoreAttributes);
  const ignoredSubtree = new Uint8Array(n);
  for (let id = 0; id < n; id++) diffNode(diff, noise, (hasPathRules ? noise.paths[aligned.key[id]!] : undefined) ?? NO_RULE, ignored, ignoredSubtree, id);
  summarize(diff);
  diff.firstDivergence = firstDivergence(diff);
  return diff;
}

const NO_RULE: NoiseRule = {};

function diffNode(diff: PairDiff, noise: NoiseProfile, rule: NoiseRule, ignored: ReadonlySet<string>, ignoredSubtree: Uint8Array, id: number): void {
  const { a, b, parent } = diff.aligned;
  const countA = a.count[id]!;
  const countB = b.count[id]!;
  if (countA === 0 || countB === 0) {
    // A node only on one side is noise when it (or an ancestor only on that side) may be absent.
    const p = parent[id]!;
    const optional = rule.optional === true || matchesOperation(noise.optional, diff.aligned.service[id]!, diff.aligned.name[id]!) || (p >= 0 && ignoredSubtree[p] === 1);
    if (optional) {
      ignoredSubtree[id] = 1;
      diff.noise[id] = COUNT;
    }
    diff.change[id] = optional ? UNCHANGED : countA > 0 ? REMOVED : ADDED;
    return;
  }
  const meanA = a.durationSum[id]! / countA;
  const meanB = b.durationSum[id]! / countB;
  const selfA = a.selfTimeSum[id]! / countA;
  const selfB = b.selfTimeSum[id]! / countB;
  const valuesA = a.values.get(id) ?? null;
  const valuesB = b.values.get(id) ?? null;
  let beyond = 0;
  let absorbed = 0;
  if (countA !== countB) {
    if (Math.abs(countA - countB) > Math.max(noise.countDelta, rule.countDelta ?? 0)) beyond |= COUNT;
    else absorbed |= COUNT;
  }
  if (a.errors[id] !== b.errors[id] || statusAttributesDiffer(valuesA, valuesB)) beyond |= STATUS;
  if (meanA !== meanB) {
    if (Math.abs(meanB - meanA) > Math.max(noise.durationNs, noise.durationRatio * meanA, rule.durationNs ?? 0)) beyond |= DURATION;
    else absorbed |= DURATION;
  }
  if (selfA !== selfB) {
    if (Math.abs(selfB - selfA) > Math.max(noise.durationNs, noise.durationRatio * selfA, rule.durationNs ?? 0)) beyond |= SELF_TIME;
    else absorbed |= SELF_TIME;
  }
  if (valuesA || valuesB) {
    const attributes = attributeDifferences(valuesA, valuesB, rule.ignoreAttributes ? new Set([...ignored, ...rule.ignoreAttributes]) : ignored);
    if (attributes.length > 0) {
      diff.attributes.set(id, attributes);
      beyond |= ATTRIBUTES;
    }
  }
  diff.change[id] = beyond === 0 ? UNCHANGED : CHANGED;
  diff.differences[id] = beyond;
  diff.noise[id] = absorbed;
}

type Values = ReadonlyMap<string, ReadonlySet<string>> | null;

function statusAttributesDiffer(a: Values, b: Values): boolean {
  if (!a && !b) return false;
  for (const key of STATUS_ATTRIBUTES) if (!sameValues(a?.get(key), b?.get(key))) return true;
  return false;
}

function attributeDifferences(a: Values, b: Values, ignored: ReadonlySet<string>): AttributeDifference[] {
  const keys = new Set([...(a?.keys() ?? []), ...(b?.keys() ?? [])]);
  const out: AttributeDifference[] = [];
  for (const key of [...keys].sort()) {
    if (ignored.has(key)) continue;
    const va = a?.get(key);
    const vb = b?.get(key);
    if (!sameValues(va, vb)) out.push({ key, a: [...(va ?? [])].sort(), b: [...(vb ?? [])].sort() });
  }
  return out;
}

function sameValues(x: ReadonlySet<string> | undefined, y: ReadonlySet<string> | undefined): boolean {
  if ((x?.size ?? 0) !== (y?.size ?? 0)) return false;
  for (const v of x ?? []) if (!y!.has(v)) return false;
  return true;
}

function emptySummary(a: TraceShape, b: TraceShape): DiffSummary {
  return {
    nodes: { added: 0, removed: 0, changed: 0, unchanged: 0 },
    spans: { a: a.table.count, b: b.table.count, added: 0, removed: 0 },
    newErrors: 0,
    durationNs: { a: rootDuration(a), b: rootDuration(b), delta: rootDuration(b) - rootDuration(a) },
    criticalPath: { a: [], b: [], changed: false },
  };
}

function summarize(diff: PairDiff): void {
  const { summary, change, differences } = diff;
  const { a, b, count } = diff.aligned;
  for (let id = 0; id < count; id++) {
    const c = change[id]!;
    summary.nodes[CHANGE_ORDER[c]!]++;
    if (c === UNCHANGED) continue;
    if (c !== CHANGED || differences[id]! & COUNT) {
      const delta = b.count[id]! - a.count[id]!;
      if (delta > 0) summary.spans.added += delta;
      else summary.spans.removed -= delta;
    }
    if (b.errors[id]! > a.errors[id]!) summary.newErrors += b.errors[id]! - a.errors[id]!;
  }
  const pathA = summary.criticalPath.a;
  const pathB = summary.criticalPath.b;
  for (let id = 0; id < count; id++) {
    if (a.onCriticalPath[id] === 1) pathA.push(id);
    if (b.onCriticalPath[id] === 1) pathB.push(id);
  }
  summary.criticalPath.changed = pathA.length !== pathB.length || pathA.some((id, k) => id !== pathB[k]);
}

function rootDuration(shape: TraceShape): number {
  const r = shape.tree.primaryRoot;
  return r < 0 ? 0 : shape.end[r]! - shape.start[r]!;
}

/** The first node in pre-order (A's order) where the paths differ: presence, count or status. */
function firstDivergence(diff: PairDiff): FirstDivergence | null {
  const { change, differences, aligned } = diff;
  for (let id = 0; id < aligned.count; id++) {
    const c = change[id]!;
    const reason: FirstDivergence['reason'] | null =
      c === REMOVED ? 'only-in-a' : c === ADDED ? 'only-in-b' : c !== CHANGED ? null : differences[id]! & COUNT ? 'count' : differences[id]! & STATUS ? 'status' : null;
    if (reason) return { node: id, key: aligned.key[id]!, reason };
  }
  return null;
}

// Shared, frozen lists: one per mask and the four critical-path flag pairs. The JSON is the same as with a
// fresh array per node; a consumer that tried to modify one would throw instead of corrupting every node.
const LISTS: readonly Difference[][] = Array.from({ length: 1 << DIFFERENCE_ORDER.length }, (_, mask) => Object.freeze(DIFFERENCE_ORDER.filter((_, k) => mask & (1 << k))) as Difference[]);
const NO_ATTRIBUTES = Object.freeze([]) as unknown as AttributeDifference[];
const ON_PATH: readonly Sides<boolean>[] = [Object.freeze({ a: false, b: false }), Object.freeze({ a: true, b: false }), Object.freeze({ a: false, b: true }), Object.freeze({ a: true, b: true })];

/** The document's node `id` (see DiffNode). */
export function diffNodeAt(diff: PairDiff, id: number): DiffNode {
  const { aligned } = diff;
  const { a, b } = aligned;
  const countA = a.count[id]!;
  const countB = b.count[id]!;
  const inA = countA > 0;
  const inB = countB > 0;
  return {
    id,
    parent: aligned.parent[id]!,
    depth: aligned.depth[id]!,
    service: aligned.service[id]!,
    name: aligned.name[id]!,
    key: aligned.key[id]!,
    change: CHANGE_ORDER[diff.change[id]!]!,
    differences: LISTS[diff.differences[id]!]!,
    noise: LISTS[diff.noise[id]!]!,
    count: { a: countA, b: countB },
    errors: { a: a.errors[id]!, b: b.errors[id]! },
    durationNs: { a: inA ? a.durationSum[id]! / countA : 0, b: inB ? b.durationSum[id]! / countB : 0 },
    p95DurationNs: { a: a.p95[id]!, b: b.p95[id]! },
    selfTimeNs: { a: inA ? a.selfTimeSum[id]! / countA : 0, b: inB ? b.selfTimeSum[id]! / countB : 0 },
    window: { a: inA ? { start: a.start[id]!, end: a.end[id]! } : null, b: inB ? { start: b.start[id]!, end: b.end[id]! } : null },
    attributes: diff.attributes.get(id) ?? NO_ATTRIBUTES,
    onCriticalPath: ON_PATH[a.onCriticalPath[id]! | (b.onCriticalPath[id]! << 1)]!,
  };
}
