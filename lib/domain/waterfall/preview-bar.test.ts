import { describe, expect, it } from 'vitest';
import { previewBar } from './preview-bar';

describe('previewBar', () => {
  it('places the bar as a percent of the trace duration', () => {
    expect(previewBar({ startNs: '250', endNs: '750' }, '1000')).toEqual({ left: 25, width: 50, durationNs: 500n });
  });

  it('keeps a zero-length or unfinished span visible, clamped to the column', () => {
    expect(previewBar({ startNs: '1000', endNs: '900' }, '1000')).toEqual({ left: 100, width: 0.15, durationNs: 0n });
    expect(previewBar({ startNs: '0', endNs: '5000' }, '1000').width).toBe(100);
  });

  it('fills the column for a trace of zero duration', () => {
    expect(previewBar({ startNs: '0', endNs: '0' }, '0')).toEqual({ left: 0, width: 100, durationNs: 0n });
  });

  it('stays exact for hour-long traces in nanoseconds', () => {
    const hour = 3_600_000_000_000n;
    expect(previewBar({ startNs: String(hour / 2n), endNs: String(hour) }, String(hour))).toMatchObject({ left: 50, width: 50 });
  });
});
