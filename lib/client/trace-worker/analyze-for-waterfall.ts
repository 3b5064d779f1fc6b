// Adapter from the analysis engine (lib/domain/analysis) to the waterfall's port (WaterfallAnalysis): runs the
// full analysis in the trace worker and hands over its typed arrays as they are. Both sides use nanoseconds
// relative to the earliest raw start and span indexes in input order, so nothing is converted.
import { analyzeTrace } from '@/lib/domain/analysis/analyze-trace';
import { SKEW_REASON_LABELS, skewReasonText } from '@/lib/domain/analysis/clock-skew';
import type { Analyze } from '@/lib/domain/waterfall/build-waterfall';

export const analyzeForWaterfall: Analyze = (spans) => {
  const analysis = analyzeTrace(spans);
  return {
    offset: analysis.skew.offset,
    reasonCode: analysis.skew.reason,
    reasonLabels: SKEW_REASON_LABELS,
    reasonText: (span) => skewReasonText(analysis.table, analysis.skew, span),
    criticalPath: analysis.criticalPath,
    findings: analysis.findings,
  };
};
