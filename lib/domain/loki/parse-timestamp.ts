// Loki timestamps are unix nanoseconds as decimal strings. Anything else (floats, exponents, negative values,
// past int64) is rejected rather than guessed at.
const MAX_INT64 = 9_223_372_036_854_775_807n;

export function parseNanoTimestamp(value: unknown): bigint | null {
  if (typeof value !== 'string' || !/^\d{1,19}$/.test(value)) return null;
  const ns = BigInt(value);
  return ns > MAX_INT64 ? null : ns;
}
