// Pair diff of two traces (A = before / original / baseline, B = after / replayed / candidate): aligns them by
// path (align-traces.ts), then reports per node what changed beyond the noise profile, a summary and the
// first divergence. Pure: the CLI, the API and the /compare page's worker all call this one function.
import type { AnalysisSpan } from '../analysis/analysis-span';
import { alignTraces, type AlignedNode, type SideStats } from './align-traces';
import { STATUS_ATTRIBUTES } from './attributes-of-interest';
import { DEFAULT_NOISE_PROFILE, matchesOperation, type NoiseProfile, type NoiseRule } from './noise-profile';
import type { AttributeDifference, DiffNode, DiffSummary, Difference, FirstDivergence, NodeChange, TraceDiff } from './trace-diff';
import { traceShape, type TraceShape } from './trace-shape';

export function diffTraces(a: readonly AnalysisSpan[], b: readonly AnalysisSpan[], noise: NoiseProfile = DEFAULT_NOISE_PROFILE): TraceDiff {
  return diffShapes(traceShape(a), traceShape(b), noise);
}

export function diffShapes(a: TraceShape, b: TraceShape, noise: NoiseProfile = DEFAULT_NOISE_PROFILE): TraceDiff {
  const { nodes: aligned } = alignTraces(a, b);
  const ignoredSubtree = new Uint8Array(aligned.length);
  const nodes = aligned.map((node, id) => diffNode(node, id, noise, ignoredSubtree));
  return {
    traceIds: { a: a.table.spans[0]?.traceId ?? '', b: b.table.spans[0]?.traceId ?? '' },
    summary: summarize(nodes, a, b),
    firstDivergence: firstDivergence(nodes),
    nodes,
  };
}

function diffNode(node: AlignedNode, id: number, noise: NoiseProfile, ignoredSubtree: Uint8Array): DiffNode {
  const rule: NoiseRule = noise.paths[node.key] ?? {};
  const differences: Difference[] = [];
  const absorbed: Difference[] = [];
  const note = (difference: Difference, beyondNoise: boolean): void => void (beyondNoise ? differences : absorbed).push(difference);
  const { a, b } = node;
  let change: NodeChange;
  if (!a || !b) {
    // A node only on one side is noise when it (or an ancestor only on that side) may be absent.
    const optional = rule.optional === true || matchesOperation(noise.optional, node.service, node.name) || (node.parent >= 0 && ignoredSubtree[node.parent] === 1);
    if (optional) ignoredSubtree[id] = 1;
    change = optional ? 'unchanged' : a ? 'removed' : 'added';
    if (optional) absorbed.push('count');
  } else {
    const countTolerance = Math.max(noise.countDelta, rule.countDelta ?? 0);
    if (a.count !== b.count) note('count', Math.abs(a.count - b.count) > countTolerance);
    if (a.errors !== b.errors || statusAttributesDiffer(a, b)) differences.push('status');
    const meanA = a.durationSum / a.count;
    const meanB = b.durationSum / b.count;
    const tolerance = Math.max(noise.durationNs, noise.durationRatio * meanA, rule.durationNs ?? 0);
    if (meanA !== meanB) note('duration', Math.abs(meanB - meanA) > tolerance);
    const selfA = a.selfTimeSum / a.count;
    const selfB = b.selfTimeSum / b.count;
    if (selfA !== selfB) note('self-time', Math.abs(selfB - selfA) > Math.max(noise.durationNs, noise.durationRatio * selfA, rule.durationNs ?? 0));
    change = 'unchanged';
  }
  const attributes = a && b && (a.values || b.values) ? attributeDifferences(a, b, new Set([...noise.ignoreAttributes, ...(rule.ignoreAttributes ?? [])])) : [];
  if (attributes.length > 0) differences.push('attributes');
  if (change === 'unchanged' && differences.length > 0 && a && b) change = 'changed';
  return {
    id,
    parent: node.parent,
    depth: node.depth,
    service: node.service,
    name: node.name,
    key: node.key,
    change,
    differences: change === 'unchanged' ? [] : differences,
    noise: absorbed,
    count: { a: a?.count ?? 0, b: b?.count ?? 0 },
    errors: { a: a?.errors ?? 0, b: b?.errors ?? 0 },
    durationNs: { a: a ? a.durationSum / a.count : 0, b: b ? b.durationSum / b.count : 0 },
    p95DurationNs: { a: p95(a), b: p95(b) },
    selfTimeNs: { a: a ? a.selfTimeSum / a.count : 0, b: b ? b.selfTimeSum / b.count : 0 },
    window: { a: a ? { start: a.start, end: a.end } : null, b: b ? { start: b.start, end: b.end } : null },
    attributes,
    onCriticalPath: { a: a?.onCriticalPath ?? false, b: b?.onCriticalPath ?? false },
  };
}

function statusAttributesDiffer(a: SideStats, b: SideStats): boolean {
  if (!a.values && !b.values) return false;
  for (const key of STATUS_ATTRIBUTES) if (!sameValues(a.values?.get(key), b.values?.get(key))) return true;
  return false;
}

function attributeDifferences(a: SideStats, b: SideStats, ignored: ReadonlySet<string>): AttributeDifference[] {
  const keys = new Set([...(a.values?.keys() ?? []), ...(b.values?.keys() ?? [])]);
  const out: AttributeDifference[] = [];
  for (const key of [...keys].sort()) {
    if (ignored.has(key)) continue;
    const va = a.values?.get(key);
    const vb = b.values?.get(key);
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
  summary.criticalPath.a = nodes.filter((n) => n.onCriticalPath.a).map((n) => n.id);
  summary.criticalPath.b = nodes.filter((n) => n.onCriticalPath.b).map((n) => n.id);
  summary.criticalPath.changed = summary.criticalPath.a.join() !== summary.criticalPath.b.join();
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

function p95(stats: SideStats | null): number {
  if (!stats) return 0;
  return stats.durations ? percentile(stats.durations, 0.95) : stats.durationSum;
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  if (values.length === 1) return values[0]!;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}
