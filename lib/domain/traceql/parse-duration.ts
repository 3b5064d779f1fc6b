// Duration literals: a decimal number followed by a unit (ns, us, µs, ms, s, m, h) → integer nanoseconds.
// Computed with bigint from the digit strings so `1.5s` is exact and nothing passes through a float.
const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

export const DURATION_UNITS = Object.keys(UNIT_NS);

/** Returns null when `unit` is not a duration unit or the value is not a whole number of nanoseconds. */
export function durationToNs(number: string, unit: string): bigint | null {
  const scale = UNIT_NS[unit];
  if (scale === undefined || !/^\d+(\.\d+)?$/.test(number)) return null;
  const [whole = '0', frac = ''] = number.split('.');
  const denominator = 10n ** BigInt(frac.length);
  const numerator = BigInt(whole + frac) * scale;
  if (numerator % denominator !== 0n) return null;
  return numerator / denominator;
}
