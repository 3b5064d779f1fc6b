import { describe, expect, it } from 'vitest';
import { resolveTimeRange } from './ns-time-range';

const NOW = 1_800_000_000_000_000_000n;

describe('resolveTimeRange', () => {
  it('resolves relative and absolute ends', () => {
    expect(resolveTimeRange({ from: 'now-1h', to: 'now' }, NOW)).toEqual({ fromNs: NOW - 3_600_000_000_000n, toNs: NOW });
    expect(resolveTimeRange({ from: 'now-7d', to: 'now-1d' }, NOW)).toEqual({ fromNs: NOW - 7n * 86_400_000_000_000n, toNs: NOW - 86_400_000_000_000n });
    expect(resolveTimeRange({ from: '100', to: '2026-11-24T21:00:00Z' }, NOW)).toEqual({ fromNs: 100n, toNs: BigInt(Date.UTC(2026, 10, 24, 21)) * 1_000_000n });
  });
  it('rejects malformed or inverted ranges', () => {
    expect(resolveTimeRange({ from: 'now-1y', to: 'now' }, NOW)).toBeNull();
    expect(resolveTimeRange({ from: 'now', to: 'now-1h' }, NOW)).toBeNull();
  });
});
