import { describe, expect, it } from 'vitest';
import { scatterTimeDomain } from './scatter-time-domain';

const HOUR = 3_600_000;

describe('scatterTimeDomain', () => {
  it('fits the trace starts with 5% padding each side', () => {
    expect(scatterTimeDomain([HOUR - 60_000, HOUR - 20_000, HOUR - 40_000], 2 * HOUR)).toEqual([HOUR - 62_000, HOUR - 18_000]);
  });
  it('stays inside the window', () => {
    expect(scatterTimeDomain([0, 10_000], 10_000)).toEqual([0, 10_000]);
  });
  it('gives a lone trace a readable extent, and an empty chart the whole window', () => {
    expect(scatterTimeDomain([60_000], HOUR)).toEqual([54_500, 65_500]);
    expect(scatterTimeDomain([], HOUR)).toEqual([0, HOUR]);
  });
});
