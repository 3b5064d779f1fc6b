// Adapter from the analysis engine (lib/domain/analysis) to the waterfall's port (WaterfallAnalysis): runs the
// full analysis in the trace worker and hands over its typed arrays as they are. Both sides use nanoseconds
// relative to the earliest raw start and span indexes in input order, so nothing is converted. The engine's
// input is built from the skeleton's columns (analyze-skeleton.ts); spanAnalyzer is the same on span objects.
import type { AnalysisOptions } from '@/lib/domain/analysis/analysis-options';
import type { AnalysisSpan } from '@/lib/domain/analysis/analysis-span';
import { analyzeTrace, type TraceAnalysis } from '@/lib/domain/analysis/analyze-trace';
import { SKEW_REASON_LABELS, SkewReason, skewReasonText } from '@/lib/domain/analysis/clock-skew';
import { indexHostOffsets, type HostOffset } from '@/lib/domain/analysis/host-offset';
import { formatDurationNs } from '@/lib/domain/time/format-duration';
import { analyzeSkeleton } from '@/lib/domain/waterfall/analyze-skeleton';
import type { Analyze, AnalysisInput } from '@/lib/domain/waterfall/build-waterfall';
import type { WaterfallAnalysis } from '@/lib/domain/waterfall/waterfall-analysis';
import type { CrossTraceUse } from '@/lib/domain/waterfall/waterfall-data';
import type { CrossTraceOffsets } from './cross-trace-offsets';

/** The analyzer for one trace, using the cross-trace offsets when the worker could fetch them. */
export function waterfallAnalyzer(crossTrace: CrossTraceOffsets | null, engine: (input: AnalysisInput, options: AnalysisOptions) => TraceAnalysis = analyzeSkeleton): Analyze {
  return (input) => waterfallAnalysisOf(engine(input, analysisOptions(crossTrace)), crossTrace);
}

/** The same analysis of span objects (tests, and the input analyze-skeleton.ts stands for). */
export function spanAnalyzer(crossTrace: CrossTraceOffsets | null): (spans: readonly AnalysisSpan[]) => WaterfallAnalysis {
  return (spans) => waterfallAnalysisOf(analyzeTrace(spans, analysisOptions(crossTrace)), crossTrace);
}

function analysisOptions(crossTrace: CrossTraceOffsets | null): AnalysisOptions {
  return crossTrace ? { hostOffsets: crossTrace.hostOffsets, skewWarnNs: crossTrace.skewWarnNs } : {};
}

function waterfallAnalysisOf(analysis: TraceAnalysis, crossTrace: CrossTraceOffsets | null): WaterfallAnalysis {
  const reasons = skewReasons(analysis);
  const applied = appliedEstimates(reasons, crossTrace);
  return {
    offset: analysis.skew.offset,
    reasonCode: analysis.skew.reason,
    reasonLabels: SKEW_REASON_LABELS,
    reasonText: reasonTextOf(reasons, applied.bySpan),
    criticalPath: analysis.criticalPath,
    findings: analysis.findings,
    likelyCause: analysis.likelyCause,
    crossTrace: applied.use,
  };
}

/**
 * What the reason texts need, and nothing else: the worker keeps reasonText for the trace's lifetime, and a
 * closure over the whole TraceAnalysis kept its span table (the 500k input span objects, ~150 MB) alive.
 */
interface SkewReasons {
  table: { host: Int32Array; hostNames: string[]; count: number };
  skew: { offset: Float64Array; reason: Uint8Array; reasonRef: Int32Array };
}

function skewReasons({ table, skew }: TraceAnalysis): SkewReasons {
  return { table: { host: table.host, hostNames: table.hostNames, count: table.count }, skew: { offset: skew.offset, reason: skew.reason, reasonRef: skew.reasonRef } };
}

function reasonTextOf({ table, skew }: SkewReasons, bySpan: (span: number) => HostOffset | undefined): WaterfallAnalysis['reasonText'] {
  return (span, spanIdOf) => {
    const text = skewReasonText(table, skew, span, spanIdOf);
    const estimate = bySpan(span);
    if (!estimate || !text) return text;
    // The engine names the hosts; the investigator also needs the estimate and the evidence behind it.
    // Shown as clock(span's host) − clock(parent's host), the orientation the engine's text reads in.
    const theta = estimate.host === table.hostNames[table.host[span]!] ? estimate.offsetNs : -estimate.offsetNs;
    const samples = `${estimate.samples} CLIENT→SERVER sample${estimate.samples === 1 ? '' : 's'} across traces`;
    return `${text}: ${formatDurationNs(BigInt(theta))} ± ${formatDurationNs(BigInt(estimate.errorBoundNs))} from ${samples}`;
  };
}

/** The cross-trace estimates that actually moved a span (SkewReason.CROSS_TRACE), per span and in total. */
function appliedEstimates({ table, skew }: SkewReasons, crossTrace: CrossTraceOffsets | null): { bySpan(span: number): HostOffset | undefined; use: CrossTraceUse | null } {
  if (!crossTrace || crossTrace.hostOffsets.length === 0) return { bySpan: () => undefined, use: null };
  const index = indexHostOffsets(crossTrace.hostOffsets);
  const bySpan = (span: number): HostOffset | undefined => {
    if (skew.reason[span] !== SkewReason.CROSS_TRACE) return undefined;
    // reasonRef of a CROSS_TRACE span is its parent's host.
    return index.get(`${table.hostNames[skew.reasonRef[span]!]}\u0000${table.hostNames[table.host[span]!]}`);
  };
  const used = new Set<HostOffset>();
  for (let i = 0; i < table.count; i++) {
    const estimate = bySpan(i);
    if (estimate) used.add(estimate);
  }
  if (used.size === 0) return { bySpan, use: null };
  let samples = 0;
  for (const estimate of used) samples += estimate.samples;
  return { bySpan, use: { hostPairs: used.size, samples } };
}
