// Pair diff of two traces (A = before / original / baseline, B = after / replayed / candidate): aligns them by
// path (align-traces.ts), then reports per node what changed beyond the noise profile, a summary and the
// first divergence. Pure: the CLI, the API and the /compare page's worker all call this one function.
import type { AnalysisSpan } from '../analysis/analysis-span';
import { alignTraces, type Alignment } from './align-traces';
import { STATUS_ATTRIBUTES } from './attributes-of-interest';
import { DEFAULT_NOISE_PROFILE, matchesOperation, type NoiseProfile, type NoiseRule } from './noise-profile';
import type { AttributeDifference, DiffNode, DiffSummary, Difference, FirstDivergence, NodeChange, TraceDiff } from './trace-diff';
import { traceShape, type TraceShape } from './trace-shape';

export function diffTraces(a: readonly AnalysisSpan[], b: readonly AnalysisSpan[], noise: NoiseProfile = DEFAULT_NOISE_PROFILE): TraceDiff {
  return diffShapes(traceShape(a), traceShape(b), noise);
}

export function diffShapes(a: TraceShape, b: TraceShape, noise: NoiseProfile = DEFAULT_NOISE_PROFILE): TraceDiff {
  const aligned = alignTraces(a, b);
  const context: NodeContext = {
    aligned,
    noise,
    // Node keys are ropes; looking one up flattens it, so only when there are per-path rules to find.
    hasPathRules: Object.keys(noise.paths).length > 0,
    ignored: new Set(noise.ignoreAttributes),
    ignoredSubtree: new Uint8Array(aligned.count),
  };
  const nodes = new Array<DiffNode>(aligned.count);
  for (let id = 0; id < aligned.count; id++) nodes[id] = diffNode(context, id);
  return {
    traceIds: { a: a.table.spans[0]?.traceId ?? '', b: b.table.spans[0]?.traceId ?? '' },
    summary: summarize(nodes, a, b),
    firstDivergence: firstDivergence(nodes),
    nodes,
  };
}

interface NodeContext {
  aligned: Alignment;
  noise: NoiseProfile;
  hasPathRules: boolean;
  ignored: ReadonlySet<string>;
  ignoredSubtree: Uint8Array;
}

const NO_RULE: NoiseRule = {};

function diffNode(context: NodeContext, id: number): DiffNode {
  const { aligned, noise, ignoredSubtree } = context;
  const { a, b } = aligned;
  const parent = aligned.parent[id]!;
  const service = aligned.service[id]!;
  const name = aligned.name[id]!;
  const key = aligned.key[id]!;
  const rule: NoiseRule = (context.hasPathRules ? noise.paths[key] : undefined) ?? NO_RULE;
  const differences: Difference[] = [];
  const absorbed: Difference[] = [];
  const note = (difference: Difference, beyondNoise: boolean): void => void (beyondNoise ? differences : absorbed).push(difference);
  const countA = a.count[id]!;
  const countB = b.count[id]!;
  const inA = countA > 0;
  const inB = countB > 0;
  const meanA = inA ? a.durationSum[id]! / countA : 0;
  const meanB = inB ? b.durationSum[id]! / countB : 0;
  const selfA = inA ? a.selfTimeSum[id]! / countA : 0;
  const selfB = inB ? b.selfTimeSum[id]! / countB : 0;
  const valuesA = a.values.get(id) ?? null;
  const valuesB = b.values.get(id) ?? null;
  let change: NodeChange;
  if (!inA || !inB) {
    // A node only on one side is noise when it (or an ancestor only on that side) may be absent.
    const optional = rule.optional === true || matchesOperation(noise.optional, service, name) || (parent >= 0 && ignoredSubtree[parent] === 1);
    if (optional) ignoredSubtree[id] = 1;
    change = optional ? 'unchanged' : inA ? 'removed' : 'added';
    if (optional) absorbed.push('count');
  } else {
    const countTolerance = Math.max(noise.countDelta, rule.countDelta ?? 0);
    if (countA !== countB) note('count', Math.abs(countA - countB) > countTolerance);
    if (a.errors[id] !== b.errors[id] || statusAttributesDiffer(valuesA, valuesB)) differences.push('status');
    const tolerance = Math.max(noise.durationNs, noise.durationRatio * meanA, rule.durationNs ?? 0);
    if (meanA !== meanB) note('duration', Math.abs(meanB - meanA) > tolerance);
    if (selfA !== selfB) note('self-time', Math.abs(selfB - selfA) > Math.max(noise.durationNs, noise.durationRatio * selfA, rule.durationNs ?? 0));
    change = 'unchanged';
  }
  const ignored = rule.ignoreAttributes ? new Set([...context.ignored, ...rule.ignoreAttributes]) : context.ignored;
  const attributes = inA && inB && (valuesA || valuesB) ? attributeDifferences(valuesA, valuesB, ignored) : [];
  if (attributes.length > 0) differences.push('attributes');
  if (change === 'unchanged' && differences.length > 0 && inA && inB) change = 'changed';
  return {
    id,
    parent,
    depth: aligned.depth[id]!,
    service,
    name,
    key,
    change,
    differences: change === 'unchanged' ? [] : differences,
    noise: absorbed,
    count: { a: countA, b: countB },
    errors: { a: a.errors[id]!, b: b.errors[id]! },
    durationNs: { a: meanA, b: meanB },
    p95DurationNs: { a: a.p95[id]!, b: b.p95[id]! },
    selfTimeNs: { a: selfA, b: selfB },
    window: { a: inA ? { start: a.start[id]!, end: a.end[id]! } : null, b: inB ? { start: b.start[id]!, end: b.end[id]! } : null },
    attributes,
    onCriticalPath: { a: a.onCriticalPath[id] === 1, b: b.onCriticalPath[id] === 1 },
  };
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

function summarize(nodes: readonly DiffNode[], a: TraceShape, b: TraceShape): DiffSummary {
  const summary: DiffSummary = {
    nodes: { added: 0, removed: 0, changed: 0, unchanged: 0 },
    spans: { a: a.table.count, b: b.table.count, added: 0, removed: 0 },
    newErrors: 0,
    durationNs: { a: rootDuration(a), b: rootDuration(b), delta: rootDuration(b) - rootDuration(a) },
    criticalPath: { a: [], b: [], changed: false },
  };
  for (const node of nodes) {
    summary.nodes[node.change]++;
    if (node.change === 'unchanged') continue;
    if (node.change !== 'changed' || node.differences.includes('count')) {
      const delta = node.count.b - node.count.a;
      if (delta > 0) summary.spans.added += delta;
      else summary.spans.removed -= delta;
    }
    if (node.errors.b > node.errors.a) summary.newErrors += node.errors.b - node.errors.a;
  }
  const pathA = summary.criticalPath.a;
  const pathB = summary.criticalPath.b;
  for (const node of nodes) {
    if (node.onCriticalPath.a) pathA.push(node.id);
    if (node.onCriticalPath.b) pathB.push(node.id);
  }
  summary.criticalPath.changed = pathA.length !== pathB.length || pathA.some((id, k) => id !== pathB[k]);
  return summary;
}

function rootDuration(shape: TraceShape): number {
  const r = shape.tree.primaryRoot;
  return r < 0 ? 0 : shape.end[r]! - shape.start[r]!;
}

/** The first node in pre-order (A's order) where the paths differ: presence, count or status. */
function firstDivergence(nodes: readonly DiffNode[]): FirstDivergence | null {
  for (const node of nodes) {
    if (node.change === 'removed') return { node: node.id, key: node.key, reason: 'only-in-a' };
    if (node.change === 'added') return { node: node.id, key: node.key, reason: 'only-in-b' };
    if (node.change !== 'changed') continue;
    if (node.differences.includes('count')) return { node: node.id, key: node.key, reason: 'count' };
    if (node.differences.includes('status')) return { node: node.id, key: node.key, reason: 'status' };
  }
  return null;
}
