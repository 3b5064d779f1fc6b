// The analysis engine's entry point for one trace: spans in, explanation out. Pipeline, each step O(n)
// except one sort by end: columnar table → span tree → per-trace skew correction → children by corrected
// end → critical path and self times → host offsets from this trace's call pairs → findings.
// All times in the result are nanoseconds relative to `table.baseUnixNano` (see span-table.ts); indexes refer
// to positions in the input array.
// A trace through the Tracehound agent is analysed without the agent's hop spans (agent-hops.ts): the rules,
// critical path and cause run on the trace as if the agent were absent, and the result is mapped back to the
// input's positions; the hops keep their place in the table, tree and skew correction (the waterfall shows
// them), and a fault the agent injected is named in the likely cause (injected-fault.ts).
import { resolveAnalysisOptions, type AnalysisOptions } from './analysis-options';
import { withoutAgentHops, type HopFreeView } from './agent-hops';
import type { AnalysisSpan } from './analysis-span';
import { childrenByEndDesc } from './children-by-end';
import { correctClockSkew, type SkewCorrection } from './clock-skew';
import { computeCriticalPath, type PathSegment } from './critical-path';
import type { Finding } from './finding';
import { callGroupFindings } from './findings/call-groups';
import { clockSkewFindings } from './findings/clock-skew-findings';
import { errorFindings } from './findings/error-findings';
import { latencyHotspotFindings } from './findings/latency-hotspot';
import { missingParentFindings } from './findings/missing-parent';
import { serviceCycleFindings } from './findings/service-cycles';
import { timeoutCascadeFindings } from './findings/timeout-cascade';
import { waitForFindings } from './findings/wait-for-cycles';
import { HostOffsetAccumulator, replyReceived, type HostOffset } from './host-offset';
import { injectedFaultCause } from './injected-fault';
import { pickLikelyCause, type LikelyCause } from './likely-cause';
import { computeSelfTime, pathSelfTime } from './self-time';
import { buildSpanTable, type SpanTable } from './span-table';
import { buildSpanTree, spanTreeFromParents, type SpanParents, type SpanTree } from './span-tree';
import type { TraceFacts } from './trace-facts';
import { SpanKind } from '../model/span';

// Module constants: under tsx/vitest's CommonJS interop each enum member access is a getter call.
const KIND_CLIENT = SpanKind.CLIENT;
const KIND_SERVER = SpanKind.SERVER;

export interface TraceAnalysis {
  traceId: string;
  table: SpanTable;
  tree: SpanTree;
  skew: SkewCorrection;
  /** Per span: corrected duration not covered by attached children. */
  selfTimeNs: Float64Array;
  /** In time order, covering the primary root from its start to its end. */
  criticalPath: PathSegment[];
  criticalPathSelfTimeBySpan: Map<number, number>;
  /** Self time along the critical path per service, nanoseconds. */
  selfTimeByService: Record<string, number>;
  hostOffsets: HostOffset[];
  findings: Finding[];
  /** The one most likely cause (likely-cause.ts), or null when nothing in the trace explains a problem. */
  likelyCause: LikelyCause | null;
}

export function analyzeTrace(spans: readonly AnalysisSpan[], options: AnalysisOptions = {}): TraceAnalysis {
  const view = withoutAgentHops(spans);
  if (!view) return analyzeHopFree(spans, options);
  return onInput(spans, view, analyzeHopFree(view.spans, options), options);
}

/**
 * analyzeTrace of a trace WITHOUT agent hops (withoutAgentHops gives null; the caller checks), from its span
 * table and parent links built elsewhere, e.g. straight from a skeleton's columns (waterfall/analyze-skeleton.ts):
 * the same result as analyzeTrace(table.spans) when they are what buildSpanTable and buildSpanTree would build.
 */
export function analyzeSpanTable(table: SpanTable, parents: SpanParents, options: AnalysisOptions = {}): TraceAnalysis {
  return analyzeTableAndTree(table, spanTreeFromParents(table, parents), options);
}

function analyzeHopFree(spans: readonly AnalysisSpan[], options: AnalysisOptions): TraceAnalysis {
  const table = buildSpanTable(spans);
  return analyzeTableAndTree(table, buildSpanTree(table), options);
}

/** Everything after the tree (exported for bench:analysis-columns' stage times). */
export function analyzeTableAndTree(table: SpanTable, tree: SpanTree, options: AnalysisOptions): TraceAnalysis {
  const resolved = resolveAnalysisOptions(options);
  const skew = correctClockSkew(table, tree, resolved);
  const byEnd = childrenByEndDesc(tree, skew.end, skew.start);
  const criticalPath = computeCriticalPath(table, tree, byEnd, skew.start, skew.end);
  const selfTimeNs = computeSelfTime(table, tree, byEnd, skew.start, skew.end);
  const { bySpan, byService } = pathSelfTime(table, criticalPath);
  const hostOffsets = traceHostOffsets(table, tree);
  const facts: TraceFacts = { table, tree, skew, byEnd, criticalPath, pathSelfTimeBySpan: bySpan, hostOffsets, options: resolved };
  const findings = [
    ...errorFindings(facts),
    ...timeoutCascadeFindings(facts),
    ...callGroupFindings(facts),
    ...latencyHotspotFindings(facts),
    ...serviceCycleFindings(facts),
    ...waitForFindings(facts),
    ...missingParentFindings(facts),
    ...clockSkewFindings(facts),
  ];
  const likelyCause = pickLikelyCause({ table, tree, skew, findings });
  return {
    likelyCause,
    traceId: table.spans[0]?.traceId ?? '',
    table,
    tree,
    skew,
    selfTimeNs,
    criticalPath,
    criticalPathSelfTimeBySpan: bySpan,
    selfTimeByService: byService,
    hostOffsets,
    findings,
  };
}

/**
 * The analysis of the hop-free view, on the input's positions. Table, tree and skew are rebuilt over the input
 * with the hops transparent (span-tree.ts): every other span is corrected exactly as in the view, and a hop is
 * placed by the same rule as any child of its caller. A hop has no self time (its time is the caller's
 * network/proxy time) and is never on the critical path.
 */
function onInput(spans: readonly AnalysisSpan[], view: HopFreeView, inner: TraceAnalysis, options: AnalysisOptions): TraceAnalysis {
  const table = buildSpanTable(spans);
  const tree = buildSpanTree(table, view.isHop);
  const skew = correctClockSkew(table, tree, resolveAnalysisOptions(options));
  const at = view.inputIndex;
  // View times are relative to the view's earliest start, which is never before the input's.
  const shift = Number(inner.table.baseUnixNano - table.baseUnixNano);
  const selfTimeNs = new Float64Array(table.count);
  for (let v = 0; v < at.length; v++) selfTimeNs[at[v]!] = inner.selfTimeNs[v]!;
  const criticalPathSelfTimeBySpan = new Map<number, number>();
  for (const [v, ns] of inner.criticalPathSelfTimeBySpan) criticalPathSelfTimeBySpan.set(at[v]!, ns);
  return {
    ...inner,
    table,
    tree: { ...tree, primaryRoot: inner.tree.primaryRoot < 0 ? -1 : at[inner.tree.primaryRoot]! },
    skew,
    selfTimeNs,
    criticalPath: inner.criticalPath.map((seg) => ({ span: at[seg.span]!, start: seg.start + shift, end: seg.end + shift })),
    criticalPathSelfTimeBySpan,
    likelyCause: inner.likelyCause && injectedFaultCause(inner.likelyCause, spans, view),
  };
}

function traceHostOffsets(table: SpanTable, tree: SpanTree): HostOffset[] {
  const acc = new HostOffsetAccumulator();
  for (let i = 0; i < table.count; i++) {
    const p = tree.parent[i]!;
    if (p < 0 || table.kind[i] !== KIND_SERVER || table.kind[p] !== KIND_CLIENT) continue;
    if (table.host[i] === table.host[p] || table.unfinished[i] || table.unfinished[p]) continue;
    const slack = Math.max(table.resolution[p]!, table.resolution[i]!);
    acc.add(
      table.hostNames[table.host[p]!]!,
      table.hostNames[table.host[i]!]!,
      table.start[p]!,
      table.end[p]!,
      table.start[i]!,
      table.end[i]!,
      replyReceived(table.error[p] === 1, table.error[i] === 1),
      slack,
    );
  }
  return acc.result();
}
