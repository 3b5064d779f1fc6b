// Time ranges as the URL holds them: each end is `now`, `now-<n><m|h|d>` (relative, re-resolved on refresh)
// or an absolute instant (unix ns or RFC 3339). Resolution needs "now" in unix ns and yields a half-open
// [fromNs, toNs) window, or null when an end is malformed or from is not before to.
import { parseInstant } from './parse-instant';

export interface TimeRange {
  from: string;
  to: string;
}

export interface ResolvedRange {
  fromNs: bigint;
  toNs: bigint;
}

export const DEFAULT_RANGE: TimeRange = { from: 'now-1h', to: 'now' };

export const RANGE_PRESETS: ReadonlyArray<{ label: string; from: string }> = [
  { label: 'Last 5 minutes', from: 'now-5m' },
  { label: 'Last 15 minutes', from: 'now-15m' },
  { label: 'Last hour', from: 'now-1h' },
  { label: 'Last 6 hours', from: 'now-6h' },
  { label: 'Last 24 hours', from: 'now-24h' },
  { label: 'Last 7 days', from: 'now-7d' },
];

const UNIT_NS: Record<string, bigint> = { m: 60_000_000_000n, h: 3_600_000_000_000n, d: 86_400_000_000_000n };

export function resolveInstant(text: string, nowNs: bigint): bigint | null {
  const t = text.trim();
  if (t === 'now') return nowNs;
  const rel = /^now-(\d{1,6})([mhd])$/.exec(t);
  if (rel) return nowNs - BigInt(rel[1] as string) * (UNIT_NS[rel[2] as string] as bigint);
  return parseInstant(t);
}

export function resolveTimeRange(range: TimeRange, nowNs: bigint): ResolvedRange | null {
  const fromNs = resolveInstant(range.from, nowNs);
  const toNs = resolveInstant(range.to, nowNs);
  if (fromNs === null || toNs === null || fromNs >= toNs) return null;
  return { fromNs, toNs };
}

export function isRelative(range: TimeRange): boolean {
  return range.to === 'now' && range.from.startsWith('now-');
}
