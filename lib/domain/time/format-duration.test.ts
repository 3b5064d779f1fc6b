import { describe, expect, it } from 'vitest';
import { formatDurationNs, formatUnixNano } from './format-duration';

describe('formatDurationNs', () => {
  it('picks the unit by magnitude', () => {
    expect(formatDurationNs(999n)).toBe('999ns');
    expect(formatDurationNs(1_500n)).toBe('1.5µs');
    expect(formatDurationNs('2500000')).toBe('2.5ms');
    expect(formatDurationNs(12_340_000_000n)).toBe('12.3s');
    expect(formatDurationNs(125_000_000_000n)).toBe('2m05s');
    expect(formatDurationNs(-1_000_000n)).toBe('-1ms');
  });
});

describe('formatUnixNano', () => {
  it('keeps epoch nanoseconds exact down to the millisecond', () => {
    expect(formatUnixNano('1764000000123456789')).toBe('2025-11-24T16:00:00.123Z');
  });
});
