// The shared time axis of one trace view: d3 does the maths, callers get percentages for CSS positioning.
// Units: domain in relative ns (see WaterfallData); the URL window is µs from the domain start.
import { scaleLinear, type ScaleLinear } from 'd3';
import type { TraceViewState } from '@/lib/domain/waterfall/trace-view-state';
import type { WaterfallData } from '@/lib/domain/waterfall/waterfall-data';

export interface Timeline {
  /** Whole trace extent in the current mode. */
  full: [number, number];
  /** Visible window (zoom) in relative ns. */
  view: [number, number];
  /** relative ns → percent of the bar column. */
  x: ScaleLinear<number, number>;
  start: Float64Array;
  end: Float64Array;
}

export function buildTimeline(data: WaterfallData, state: TraceViewState): Timeline {
  const raw = state.mode === 'raw';
  const start = raw ? data.rawStart : data.correctedStart;
  const end = raw ? data.rawEnd : data.correctedEnd;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.tree.spanCount; i++) {
    if (start[i]! < lo) lo = start[i]!;
    if (end[i]! > hi) hi = end[i]!;
  }
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
  if (hi <= lo) hi = lo + 1;
  const view: [number, number] = state.window ? [lo + state.window.fromUs * 1e3, lo + state.window.toUs * 1e3] : [lo, hi];
  return { full: [lo, hi], view, x: scaleLinear().domain(view).range([0, 100]), start, end };
}
