// One most likely cause per trace, so the investigator is not left ranking ten findings. Findings are read in
// order of explanatory power; the first that applies names the cause:
// 1. a wait-for cycle through span links (a deadlock, possibly across traces);
// 2. a timeout cascade: the cause is the slowest piece of work the deepest abandoned callee was waiting on
//    (following the child that ended last down to a leaf), not the caller that gave up;
// 3. a failure that reached the trace's root: of its root-cause errors, the one that ended last (with retries,
//    the failure the caller finally gave up on);
// 4. a potential deadlock by re-entry, or a call chain stuck on an unfinished span;
// 5. for a request that did not fail: a retry storm, then N+1 calls, then a latency hotspot that cost real
//    time (severity warning).
// Clock skew, service cycles, missing parents, propagation chains, recovered failures, fan-outs and the
// largest span of a quick trace describe the data, the path or resilience at work, not a problem: a trace with
// only those has no likely cause (null), so search results do not name a "cause" for every healthy request.
import type { Finding, FindingType, Severity } from './finding';
import type { InjectedFault } from './injected-fault';
import type { SkewCorrection } from './clock-skew';
import { isDetached, type SpanTable } from './span-table';
import type { SpanTree } from './span-tree';

export interface LikelyCause {
  type: FindingType;
  /** The service and span the cause is located in. */
  service: string;
  spanId: string;
  severity: Severity;
  confidence: number;
  summary: string;
  /** Index in the trace's findings of the finding it rests on. */
  finding: number;
  /** Set when the cause is a fault the Tracehound agent injected on the call (injected-fault.ts). */
  injectedFault?: InjectedFault;
}

interface Analysed {
  table: SpanTable;
  tree: SpanTree;
  skew: SkewCorrection;
  findings: readonly Finding[];
}

export function pickLikelyCause(a: Analysed): LikelyCause | null {
  const { findings } = a;
  const of = (type: FindingType, pred: (f: Finding) => boolean = () => true): number[] => findings.flatMap((f, k) => (f.type === type && pred(f) ? [k] : []));
  const linkCycles = of('wait-for-cycle', (f) => f.confidence >= 0.8);
  if (linkCycles.length > 0) return fromFinding(a, linkCycles[0]!);
  const timeouts = of('timeout-cascade');
  if (timeouts.length > 0) return timeoutCause(a, timeouts[0]!, timeouts[timeouts.length - 1]!);
  const failures = of('root-cause-error', (f) => f.severity === 'critical');
  if (failures.length > 0) return fromFinding(a, latestEnding(a, failures));
  for (const [type, pred] of [
    ['wait-for-cycle', () => true],
    ['retry-storm', () => true],
    ['n-plus-one', () => true],
    ['latency-hotspot', (f) => f.severity === 'warning'],
  ] as [FindingType, (f: Finding) => boolean][]) {
    const found = of(type, pred);
    if (found.length > 0) return fromFinding(a, found[0]!);
  }
  return null;
}

function fromFinding(a: Analysed, k: number, spanId = a.findings[k]!.spanIds[0]!, service = a.findings[k]!.services[0]!): LikelyCause {
  const f = a.findings[k]!;
  return { type: f.type, service, spanId, severity: f.severity, confidence: f.confidence, summary: f.summary, finding: k };
}

function indexesOf(table: SpanTable, ids: ReadonlySet<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < table.count && out.size < ids.size; i++) {
    const id = table.spans[i]!.spanId;
    if (ids.has(id) && !out.has(id)) out.set(id, i);
  }
  return out;
}

function latestEnding(a: Analysed, candidates: readonly number[]): number {
  if (candidates.length === 1) return candidates[0]!;
  const index = indexesOf(a.table, new Set(candidates.map((k) => a.findings[k]!.spanIds[0]!)));
  let best = candidates[0]!;
  let bestEnd = -Infinity;
  for (const k of candidates) {
    const i = index.get(a.findings[k]!.spanIds[0]!);
    const end = i === undefined ? -Infinity : a.skew.end[i]!;
    if (end > bestEnd) {
      bestEnd = end;
      best = k;
    }
  }
  return best;
}

/** The work under the deepest abandoned callee that the callers could not wait for. */
function timeoutCause(a: Analysed, top: number, deepest: number): LikelyCause {
  const { table, tree, skew } = a;
  const f = a.findings[deepest]!;
  const index = indexesOf(table, new Set([a.findings[top]!.spanIds[0]!, f.spanIds[1]!]));
  const callee = index.get(f.spanIds[1]!);
  if (callee === undefined) return fromFinding(a, deepest);
  // Follow the child that ended last down to a leaf: a client span's time is its server's, a server's time is
  // its slowest call's, so the leaf is where the waiting actually went.
  let slow = callee;
  for (;;) {
    let next = -1;
    for (let c = tree.childOffsets[slow]!; c < tree.childOffsets[slow + 1]!; c++) {
      const child = tree.childList[c]!;
      if (!isDetached(table, slow, child) && (next < 0 || skew.end[child]! > skew.end[next]!)) next = child;
    }
    if (next < 0) break;
    slow = next;
  }
  const label = (i: number) => `${table.serviceNames[table.service[i]!]} ${table.spans[i]!.name}`;
  const topCaller = index.get(a.findings[top]!.spanIds[0]!);
  const gaveUp = topCaller === undefined ? 'its callers' : label(topCaller);
  return {
    ...fromFinding(a, deepest, table.spans[slow]!.spanId, table.serviceNames[table.service[slow]!]!),
    summary: `${label(slow)} was still running when ${gaveUp} gave up: a timeout cascade (${a.findings.filter((x) => x.type === 'timeout-cascade').length} level(s))`,
  };
}
