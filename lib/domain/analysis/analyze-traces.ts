// Analysis of several traces given together (a trace file, a corpus, an incident window): each trace is
// analysed on its own, with the host clock offsets estimated across all of them (their CLIENT→SERVER pairs
// together pin host clocks down better than any one trace), and then the evidence that only shows across
// traces is added: spans of different traces that wait on each other through span links
// (cross-trace-wait-for.ts).
import { analyzeTrace, type TraceAnalysis } from './analyze-trace';
import type { AnalysisOptions } from './analysis-options';
import type { AnalysisSpan } from './analysis-span';
import { crossTraceWaitForFindings } from './cross-trace-wait-for';
import { estimateHostOffsets } from './estimate-host-offsets';
import { groupByTrace } from './group-by-trace';
import { pickLikelyCause } from './likely-cause';

export function analyzeTraces(spans: readonly AnalysisSpan[], options: AnalysisOptions = {}): TraceAnalysis[] {
  const groups = groupByTrace(spans);
  const hostOffsets = options.hostOffsets ?? (groups.length > 1 ? estimateHostOffsets(spans) : undefined);
  const analyses = groups.map((group) => analyzeTrace(group, { ...options, hostOffsets }));
  if (analyses.length > 1) {
    const before = analyses.map((a) => a.findings.length);
    crossTraceWaitForFindings(analyses);
    analyses.forEach((a, k) => {
      if (a.findings.length !== before[k]) a.likelyCause = pickLikelyCause(a);
    });
  }
  return analyses;
}
