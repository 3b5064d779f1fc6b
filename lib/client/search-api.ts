// Typed fetcher and TanStack Query options for GET /api/search. Keys come only from searchKeys.
import { queryOptions } from '@tanstack/react-query';
import type { TraceSummary } from '@/lib/domain/model/trace-summary';
import { DEFAULT_SEARCH_SORT, type SearchSort } from '@/lib/domain/search/search-sort';
import { readJson } from './api-error';
import { retryWhenBusy } from './retry-when-busy';

export interface SearchHit extends TraceSummary {
  matchedSpanIds: string[];
  /** The background diagnosis' most likely cause; null until the trace has settled and been analysed. */
  likelyCause?: { type: string; service: string; summary: string } | null;
  findingTypes?: string[] | null;
  /** The root span's outcome (lib/server/search/search-row-details.ts); null while the root is missing. */
  root?: { statusCode: number; statusMessage: string; responseStatus: string | null } | null;
  /** Service and name of the first few matched spans. */
  matchedSpans?: { spanId: string; service: string; name: string }[];
}

export interface SearchResponse {
  traces: SearchHit[];
  nextCursor: string | null;
}

export interface SearchArgs {
  q: string;
  fromNs: string;
  toNs: string;
  limit: number;
  /** Server-side order across pages; default start, newest first. */
  sort?: SearchSort | undefined;
  cursor?: string | undefined;
}

export const searchKeys = {
  all: ['search'] as const,
  page: (args: SearchArgs) => [...searchKeys.all, 'page', args] as const,
};

export async function fetchSearch(args: SearchArgs, signal?: AbortSignal): Promise<SearchResponse> {
  const params = new URLSearchParams({ q: args.q, from: args.fromNs, to: args.toNs, limit: String(args.limit) });
  const sort = args.sort ?? DEFAULT_SEARCH_SORT;
  params.set('sort', sort.key);
  params.set('order', sort.descending ? 'desc' : 'asc');
  if (args.cursor) params.set('cursor', args.cursor);
  return readJson<SearchResponse>(await fetch(`/api/search?${params}`, { signal }));
}

export function searchQuery(args: SearchArgs) {
  return queryOptions({
    queryKey: searchKeys.page(args),
    queryFn: ({ signal }) => fetchSearch(args, signal),
    ...retryWhenBusy,
  });
}
