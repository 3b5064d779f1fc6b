import { describe, expect, it } from 'vitest';
import { MAX_PACE_GAP_MS, paceDelays } from './pace';

describe('paceDelays', () => {
  const times = ['2026-11-28T10:00:00.000Z', '2026-11-28T10:00:01.000Z', '2026-11-28T10:00:01.500Z'];

  it('keeps the recorded gaps, scaled by the percentage', () => {
    expect(paceDelays(times, { pacePercent: 100, requestsPerSecond: 5 })).toEqual([0, 1000, 500]);
    expect(paceDelays(times, { pacePercent: 200, requestsPerSecond: 5 })).toEqual([0, 500, 250]);
  });

  it('falls back to the fixed rate without a percentage or a recording time, and caps long pauses', () => {
    expect(paceDelays(times, { requestsPerSecond: 4 })).toEqual([0, 250, 250]);
    expect(paceDelays([times[0]!, null, times[2]!], { pacePercent: 100, requestsPerSecond: 10 })).toEqual([0, 100, 100]);
    expect(paceDelays(['2026-11-28T10:00:00Z', '2026-11-28T12:00:00Z'], { pacePercent: 100, requestsPerSecond: 1 })).toEqual([0, MAX_PACE_GAP_MS]);
  });
});
