// Adapter from the analysis engine (lib/domain/analysis) to the waterfall's port (WaterfallAnalysis):
// span indexes and relative-ns times line up because both take the spans in the same order and both measure
// from the earliest raw start. Skew reasons stay codes; their full text is built only for the span a user opens.
import { analyzeTrace } from '@/lib/domain/analysis';
import { SkewReason, skewReasonText } from '@/lib/domain/analysis/clock-skew';
import type { Analyze } from '@/lib/domain/waterfall/build-waterfall';

const REASON_LABELS: Record<number, string> = {
  [SkewReason.NONE]: '',
  [SkewReason.CENTRED]: 'did not fit inside its parent on another host: centred',
  [SkewReason.LONGER_THAN_PARENT]: 'longer than its parent on another host: moved to its start',
  [SkewReason.MOVED_WITH_PARENT]: 'moved with its parent (same host clock)',
  [SkewReason.HOST_SETTLED]: "its host's offset was settled earlier in this trace",
  [SkewReason.CROSS_TRACE]: "its host's offset estimated across traces",
};

export const analyzeForWaterfall: Analyze = (spans) => {
  const analysis = analyzeTrace(spans);
  const labels: string[] = [];
  for (const [code, label] of Object.entries(REASON_LABELS)) labels[Number(code)] = label;
  return {
    offset: analysis.skew.offset,
    reasonCode: analysis.skew.reason,
    reasonLabels: labels,
    reasonText: (i) => skewReasonText(analysis.table, analysis.skew, i),
    criticalPath: analysis.criticalPath,
    findings: analysis.findings,
  };
};
