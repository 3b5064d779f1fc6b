// The search page's state in the URL (shareable): q (TraceQL) plus the shared time range (`from`, `to` as
// time expressions: now-1h, epoch ms, ISO — see lib/domain/time/time-range). This module and
// lib/client/time/time-range-search-params are the only places that read or write those parameters.
import { DEFAULT_SEARCH_SORT, isSearchSortKey, sameSearchSort, type SearchSort } from '@/lib/domain/search/search-sort';
import type { TimeRange } from '@/lib/domain/time/time-range';
import { readTimeRange, writeTimeRange } from './time/time-range-search-params';

export interface SearchUrlState {
  q: string;
  range: TimeRange;
  /** Results per page (`limit`, one of PAGE_SIZES; the first is the default and is left out of the URL). */
  limit?: number;
  /** Result order (`sort` and `order`, applied by the server across pages); the default is left out of the URL. */
  sort?: SearchSort;
}

export const PAGE_SIZES = [20, 50, 100] as const;

export function readSearchUrl(params: URLSearchParams): SearchUrlState {
  const limit = Number(params.get('limit'));
  const key = params.get('sort') ?? '';
  const sort = isSearchSortKey(key) ? { key, descending: params.get('order') !== 'asc' } : DEFAULT_SEARCH_SORT;
  return { q: params.get('q') ?? '', range: readTimeRange(params), limit: (PAGE_SIZES as readonly number[]).includes(limit) ? limit : PAGE_SIZES[0], sort };
}

export function searchHref(state: SearchUrlState, path = '/search'): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  writeTimeRange(params, state.range);
  if (state.limit && state.limit !== PAGE_SIZES[0]) params.set('limit', String(state.limit));
  if (state.sort && !sameSearchSort(state.sort, DEFAULT_SEARCH_SORT)) {
    params.set('sort', state.sort.key);
    params.set('order', state.sort.descending ? 'desc' : 'asc');
  }
  return `${path}?${params}`;
}

export function rangeHref(path: string, range: TimeRange): string {
  const params = new URLSearchParams();
  writeTimeRange(params, range);
  return `${path}?${params}`;
}
