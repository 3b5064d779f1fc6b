import { describe, expect, it } from 'vitest';
import { formatClock, formatInstant, formatUnixNanoIn, zoneLabel } from './time-zone';

const T = Date.UTC(2026, 10, 28, 23, 30, 5, 42); // 2026-11-28 23:30:05.042 UTC
const plus90 = () => 90;
const minus5h = () => -300;

describe('time zone formatting', () => {
  it('formats UTC regardless of the local offset', () => {
    expect(formatInstant(T, 'utc', plus90)).toBe('2026-11-28 23:30:05.042');
    expect(zoneLabel('utc', T, plus90)).toBe('UTC');
  });

  it('formats local time with the offset at that instant, crossing midnight', () => {
    expect(formatInstant(T, 'local', plus90)).toBe('2026-11-29 01:00:05.042');
    expect(formatClock(T, 'local', minus5h)).toBe('18:30:05');
    expect(zoneLabel('local', T, plus90)).toBe('local, UTC+01:30');
    expect(zoneLabel('local', T, minus5h)).toBe('local, UTC−05:00');
  });

  it('reads unix-ns strings and leaves other text alone', () => {
    expect(formatUnixNanoIn(`${T}000000`, 'utc')).toBe('2026-11-28 23:30:05.042');
    expect(formatUnixNanoIn('n/a', 'utc')).toBe('n/a');
  });
});
