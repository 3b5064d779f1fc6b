// The search page's state in the URL (shareable): q (TraceQL), from, to (see lib/domain/time/time-range).
// This module is the only place that reads or writes those parameters.
import { DEFAULT_RANGE, type TimeRange } from '@/lib/domain/time/ns-time-range';

export interface SearchUrlState {
  q: string;
  range: TimeRange;
}

interface ParamsReader {
  get(name: string): string | null;
}

export function readSearchUrl(params: ParamsReader): SearchUrlState {
  return {
    q: params.get('q') ?? '',
    range: { from: params.get('from') || DEFAULT_RANGE.from, to: params.get('to') || DEFAULT_RANGE.to },
  };
}

export function searchHref(state: SearchUrlState, path = '/search'): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  params.set('from', state.range.from);
  params.set('to', state.range.to);
  return `${path}?${params}`;
}

export function rangeHref(path: string, range: TimeRange): string {
  return `${path}?${new URLSearchParams({ from: range.from, to: range.to })}`;
}
