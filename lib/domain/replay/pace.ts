// When each request of a run is sent, in milliseconds after the previous one: at the recorded pace scaled by
// a percentage (200 = twice as fast), where both requests carry a recording time; else at the run's fixed
// rate. Gaps are capped so a recording with a long pause cannot hold a run open for hours.
export const MAX_PACE_GAP_MS = 60_000;

export function paceDelays(recordedAt: readonly (string | null)[], options: { pacePercent?: number; requestsPerSecond: number }): number[] {
  const fixed = 1000 / options.requestsPerSecond;
  return recordedAt.map((at, i) => {
    if (i === 0) return 0;
    const before = recordedAt[i - 1];
    if (options.pacePercent === undefined || !at || !before) return fixed;
    const gap = Date.parse(at) - Date.parse(before);
    if (!Number.isFinite(gap)) return fixed;
    return Math.min(MAX_PACE_GAP_MS, Math.max(0, (gap * 100) / options.pacePercent));
  });
}
