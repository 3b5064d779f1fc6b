import { describe, expect, it } from 'vitest';
import { parseLokiDurationNs, parseLokiTime } from './parse-loki-time';

describe('parseLokiTime', () => {
  it('reads integers by magnitude, float seconds and RFC 3339', () => {
    expect(parseLokiTime('1764000000')).toBe(1_764_000_000_000_000_000n);
    expect(parseLokiTime('1764000000123')).toBe(1_764_000_000_123_000_000n);
    expect(parseLokiTime('1764000000123456')).toBe(1_764_000_000_123_456_000n);
    expect(parseLokiTime('1764000000123456789')).toBe(1_764_000_000_123_456_789n);
    expect(parseLokiTime('1764000000.5')).toBe(1_764_000_000_500_000_000n);
    expect(parseLokiTime('2025-11-24T16:00:00Z')).toBe(1_764_000_000_000_000_000n);
    expect(parseLokiTime('2025-11-24T17:00:00.25+01:00')).toBe(1_764_000_000_250_000_000n);
    expect(parseLokiTime('soon')).toBeNull();
    expect(parseLokiTime('-5')).toBeNull();
  });

  it('reads durations', () => {
    expect(parseLokiDurationNs('1h')).toBe(3_600_000_000_000n);
    expect(parseLokiDurationNs('30')).toBe(30_000_000_000n);
    expect(parseLokiDurationNs('1x')).toBeNull();
  });
});
