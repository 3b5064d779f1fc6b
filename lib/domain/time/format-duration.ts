// Human-readable durations and instants from nanosecond values given as decimal strings or bigint.
export function formatDurationNs(ns: bigint | string): string {
  const value = typeof ns === 'bigint' ? ns : BigInt(ns);
  const abs = value < 0n ? -value : value;
  const sign = value < 0n ? '-' : '';
  if (abs < 1_000n) return `${sign}${abs}ns`;
  if (abs < 1_000_000n) return `${sign}${trim(Number(abs) / 1e3)}µs`;
  if (abs < 1_000_000_000n) return `${sign}${trim(Number(abs) / 1e6)}ms`;
  if (abs < 60_000_000_000n) return `${sign}${trim(Number(abs) / 1e9)}s`;
  const totalSeconds = Number(abs / 1_000_000_000n);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${sign}${minutes}m${seconds.toString().padStart(2, '0')}s`;
}

function trim(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1).replace(/\.0$/, '') : n.toFixed(2).replace(/\.?0+$/, '');
}

/** ISO-8601 UTC with milliseconds for a unix-nanosecond instant. */
export function formatUnixNano(ns: bigint | string): string {
  const value = typeof ns === 'bigint' ? ns : BigInt(ns);
  return new Date(Number(value / 1_000_000n)).toISOString();
}
