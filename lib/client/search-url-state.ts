// The search page's state in the URL (shareable): q (TraceQL) plus the shared time range (`from`, `to` as
// time expressions: now-1h, epoch ms, ISO — see lib/domain/time/time-range). This module and
// lib/client/time/time-range-search-params are the only places that read or write those parameters.
import type { TimeRange } from '@/lib/domain/time/time-range';
import { readTimeRange, writeTimeRange } from './time/time-range-search-params';

export interface SearchUrlState {
  q: string;
  range: TimeRange;
  /** Results per page (`limit`, one of PAGE_SIZES; the first is the default and is left out of the URL). */
  limit?: number;
}

export const PAGE_SIZES = [20, 50, 100] as const;

export function readSearchUrl(params: URLSearchParams): SearchUrlState {
  const limit = Number(params.get('limit'));
  return { q: params.get('q') ?? '', range: readTimeRange(params), limit: (PAGE_SIZES as readonly number[]).includes(limit) ? limit : PAGE_SIZES[0] };
}

export function searchHref(state: SearchUrlState, path = '/search'): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  writeTimeRange(params, state.range);
  if (state.limit && state.limit !== PAGE_SIZES[0]) params.set('limit', String(state.limit));
  return `${path}?${params}`;
}

export function rangeHref(path: string, range: TimeRange): string {
  const params = new URLSearchParams();
  writeTimeRange(params, range);
  return `${path}?${params}`;
}
