// Time parameters of Loki's query API (start, end, time) → unix ns. Accepted: RFC 3339, float seconds
// ("1764000000.5"), and integers — by magnitude, as Grafana and logcli send them: up to 11 digits seconds,
// 12-14 milliseconds, 15-16 microseconds, otherwise nanoseconds. Null when unparseable.
export function parseLokiTime(value: string): bigint | null {
  const v = value.trim();
  if (/^\d{1,19}$/.test(v)) {
    const n = BigInt(v);
    if (v.length <= 11) return n * 1_000_000_000n;
    if (v.length <= 14) return n * 1_000_000n;
    if (v.length <= 16) return n * 1_000n;
    return n;
  }
  if (/^\d+\.\d+$/.test(v)) {
    const [whole, frac] = v.split('.') as [string, string];
    return BigInt(whole) * 1_000_000_000n + BigInt(frac.slice(0, 9).padEnd(9, '0'));
  }
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(v);
  if (!m) return null;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return null;
  return BigInt(ms) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

/** Loki durations for `since` / `step`: "1h", "30m", or plain seconds. */
export function parseLokiDurationNs(value: string): bigint | null {
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) {
    const ns = Math.round(Number(v) * 1e9);
    return Number.isSafeInteger(ns) ? BigInt(ns) : null;
  }
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(v);
  if (!m) return null;
  const unit = { ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n, d: 86_400_000_000_000n }[m[2] as 'ms'];
  return BigInt(m[1] as string) * unit;
}
