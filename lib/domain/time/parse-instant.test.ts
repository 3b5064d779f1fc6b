import { describe, expect, it } from 'vitest';
import { parseInstant } from './parse-instant';

describe('parseInstant', () => {
  it('reads unix nanoseconds exactly', () => {
    expect(parseInstant('1764018000123456789')).toBe(1764018000123456789n);
  });
  it('reads RFC 3339 with nanosecond fractions and offsets', () => {
    expect(parseInstant('2026-11-24T21:00:00Z')).toBe(BigInt(Date.UTC(2026, 10, 24, 21)) * 1_000_000n);
    expect(parseInstant('2026-11-24T21:00:00.123456789Z')).toBe(BigInt(Date.UTC(2026, 10, 24, 21)) * 1_000_000n + 123_456_789n);
    expect(parseInstant('2026-11-24T22:00:00.5+01:00')).toBe(BigInt(Date.UTC(2026, 10, 24, 21)) * 1_000_000n + 500_000_000n);
  });
  it('rejects anything else', () => {
    for (const bad of ['', 'yesterday', '2026-11-24', '12:00', '1e18', '-5', '2026-13-45T99:00:00Z']) expect(parseInstant(bad)).toBeNull();
  });
});
