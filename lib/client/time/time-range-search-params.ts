// The time range half of the URL state (`from`, `to`), shared by every page with a time range picker.
import { DEFAULT_TIME_RANGE, type TimeRange } from '@/lib/domain/time/time-range';

export function readTimeRange(params: URLSearchParams): TimeRange {
  return { from: params.get('from') || DEFAULT_TIME_RANGE.from, to: params.get('to') || DEFAULT_TIME_RANGE.to };
}

export function writeTimeRange(params: URLSearchParams, range: TimeRange): void {
  params.set('from', range.from);
  params.set('to', range.to);
}
