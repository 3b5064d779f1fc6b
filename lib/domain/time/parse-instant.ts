// Instants given by users and URLs → unix nanoseconds (bigint). Accepts a decimal count of unix nanoseconds
// or RFC 3339 (`2026-11-24T21:00:00Z`, `2026-11-24T21:00:00.123456789+01:00`); the fractional second is
// kept to the nanosecond rather than rounded through Date's milliseconds.
const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

export function parseInstant(text: string): bigint | null {
  const trimmed = text.trim();
  if (/^\d{1,20}$/.test(trimmed)) return BigInt(trimmed);
  const m = RFC3339.exec(trimmed);
  if (!m) return null;
  const zone = (m[4] as string).toUpperCase();
  const ms = Date.parse(`${m[1]}T${m[2]}${zone}`);
  if (Number.isNaN(ms)) return null;
  const fraction = BigInt(((m[3] ?? '') + '000000000').slice(0, 9));
  return BigInt(ms) * 1_000_000n + fraction;
}
