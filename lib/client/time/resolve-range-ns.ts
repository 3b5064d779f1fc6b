// The shared time range (epoch-ms expressions) → the unix-nanosecond window the APIs take, or null when the
// range is malformed or empty. Resolved against an explicit "now" so a query key stays stable until refresh.
import { isValidTimeRange, resolveTimeRange, type TimeRange } from '@/lib/domain/time/time-range';

export function resolveRangeNs(range: TimeRange, nowMs: number): { fromNs: bigint; toNs: bigint } | null {
  if (!isValidTimeRange(range)) return null;
  const { startMs, endMs } = resolveTimeRange(range, nowMs);
  return { fromNs: BigInt(Math.floor(startMs)) * 1_000_000n, toNs: BigInt(Math.ceil(endMs)) * 1_000_000n };
}
