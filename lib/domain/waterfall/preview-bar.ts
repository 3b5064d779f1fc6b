// Geometry of a server-rendered preview row's bar (issue #22): the same percent-of-trace layout as the
// waterfall's bars (components/trace/span-row.tsx), computed from the head's decimal-string nanoseconds
// relative to the trace's start. bigint until the final ratio: relative times fit a double, but the inputs
// arrive as strings and one code path keeps the arithmetic exact.
import type { TraceHeadRow } from '../model/trace-head';

export interface PreviewBar {
  /** Percent of the bar column. */
  left: number;
  width: number;
  /** ns, never negative (a span that never finished has an end before its start). */
  durationNs: bigint;
}

/** The waterfall's thinnest visible bar, in percent. */
const MIN_WIDTH = 0.15;

export function previewBar(row: Pick<TraceHeadRow, 'startNs' | 'endNs'>, traceDurationNs: string): PreviewBar {
  const start = BigInt(row.startNs);
  const end = BigInt(row.endNs);
  const durationNs = end > start ? end - start : 0n;
  const total = BigInt(traceDurationNs);
  if (total <= 0n) return { left: 0, width: 100, durationNs };
  const pct = (ns: bigint) => Math.min(100, Math.max(0, Number((ns * 1_000_000n) / total) / 10_000));
  const left = pct(start);
  return { left, width: Math.max(pct(start + durationNs) - left, MIN_WIDTH), durationNs };
}
