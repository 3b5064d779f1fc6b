// The port between the waterfall and the analysis engine (lib/domain/analysis): what the page needs from it,
// by span index in the order the spans were given. Kept narrow so the page does not depend on the engine's
// internals. Units: relative nanoseconds from the earliest raw start.
import type { CrossTraceUse, WaterfallCause, WaterfallFinding } from './waterfall-data';

export interface WaterfallAnalysis {
  /** Nanoseconds added to each span's start and end by skew correction. */
  offset: Float64Array;
  /** Why each span moved, as a small code (0 = not moved): 500k strings would dominate time and memory. */
  reasonCode: Uint8Array;
  /** Short text per reason code, for hover titles. */
  reasonLabels: string[];
  /**
   * The full reason of one span (names the parent or host it refers to), built on demand. `spanIdOf` gives a
   * span index's id, so the analysis does not have to keep its input spans alive for these texts.
   */
  reasonText(span: number, spanIdOf: (span: number) => string): string | null;
  /** Critical path segments in corrected relative ns. */
  criticalPath: readonly { span: number; start: number; end: number }[];
  findings: WaterfallFinding[];
  likelyCause?: WaterfallCause | null;
  /** Cross-trace host offsets that moved spans in this trace (absent/null when none were applied). */
  crossTrace?: CrossTraceUse | null;
}
