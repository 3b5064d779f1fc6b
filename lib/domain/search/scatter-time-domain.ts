// The duration scatter's x domain: the span of the plotted trace starts (not the whole search window, where a
// few traces in the last minute of a 24 h window would sit in one pixel column), padded so edge points are not
// cut off, and kept inside the window. Units: milliseconds since the window start (small, exact as numbers).
const PAD_FRACTION = 0.05;
/** A lone trace (or several starting together) still gets an axis whose whole-second tick labels differ. */
const MIN_EXTENT_MS = 10_000;

export function scatterTimeDomain(startOffsetsMs: readonly number[], windowMs: number): [number, number] {
  if (startOffsetsMs.length === 0) return [0, windowMs];
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of startOffsetsMs) {
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  const extent = Math.max(hi - lo, MIN_EXTENT_MS);
  const mid = (lo + hi) / 2;
  const half = (extent * (1 + 2 * PAD_FRACTION)) / 2;
  const from = Math.max(0, mid - half);
  const to = Math.min(windowMs, mid + half);
  return to > from ? [from, to] : [0, windowMs];
}
