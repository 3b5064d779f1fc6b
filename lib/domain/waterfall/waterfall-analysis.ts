// The port between the waterfall and the analysis engine (lib/domain/analysis): what the page needs from it,
// by span index in the order the spans were given. Kept narrow so the page does not depend on the engine's
// internals. Units: relative nanoseconds from the earliest raw start.
import type { WaterfallFinding } from './waterfall-data';

export interface WaterfallAnalysis {
  /** Nanoseconds added to each span's start and end by skew correction. */
  offset: Float64Array;
  reasons: Map<number, string>;
  /** Critical path segments in corrected relative ns. */
  criticalPath: { span: number; start: number; end: number }[];
  findings: WaterfallFinding[];
}
