import { describe, expect, it } from 'vitest';
import { absoluteTimeRange, describeTimeRange, msToUnixNanoString, parseTimeExpression, resolveTimeRange } from './time-range';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);

describe('time ranges', () => {
  it('parses relative, epoch-ms and ISO expressions', () => {
    expect(parseTimeExpression('now', NOW)).toBe(NOW);
    expect(parseTimeExpression('now-15m', NOW)).toBe(NOW - 900_000);
    expect(parseTimeExpression('now-2d', NOW)).toBe(NOW - 172_800_000);
    expect(parseTimeExpression(String(NOW), NOW)).toBe(NOW);
    expect(parseTimeExpression('2026-11-24T11:00:00Z', NOW)).toBe(NOW - 3_600_000);
    expect(parseTimeExpression('yesterday', NOW)).toBeNull();
  });

  it('resolves, falls back on nonsense and describes', () => {
    expect(resolveTimeRange({ from: 'now-1h', to: 'now' }, NOW)).toEqual({ startMs: NOW - 3_600_000, endMs: NOW });
    expect(resolveTimeRange({ from: 'now', to: 'now-1h' }, NOW)).toEqual({ startMs: NOW - 7_200_000, endMs: NOW - 3_600_000 });
    expect(describeTimeRange({ from: 'now-1h', to: 'now' }, NOW)).toBe('Last 1 hour');
    expect(describeTimeRange(absoluteTimeRange(NOW - 60_000, NOW), NOW)).toBe('2026-11-24 11:59:00 → 2026-11-24 12:00:00 UTC');
    expect(msToUnixNanoString(NOW)).toBe(`${NOW}000000`);
  });
});
