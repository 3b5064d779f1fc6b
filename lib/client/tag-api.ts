// Typed fetchers and TanStack Query options for the attribute names and values the search page's query builder
// and TraceQL completion offer. They read the Tempo tag APIs (/tempo/api/v2/search/tags and
// /tempo/api/v2/search/tag/{tag}/values), which already answer from a bounded sample of stored spans per
// tenant; no second native endpoint is needed. Windows are unix seconds, as those APIs take them.
import { queryOptions } from '@tanstack/react-query';
import type { CompletionValue } from '@/lib/domain/traceql/completion';
import { readJson } from './api-error';
import { retryWhenBusy } from './retry-when-busy';

export interface TagWindowArgs {
  startS: string;
  endS: string;
}

export interface TagNames {
  intrinsics: string[];
  span: string[];
  resource: string[];
}

export const tagKeys = {
  all: ['tags'] as const,
  names: (w: TagWindowArgs) => [...tagKeys.all, 'names', w] as const,
  values: (tag: string, w: TagWindowArgs) => [...tagKeys.all, 'values', tag, w] as const,
};

/** Tag values change as spans arrive, but not within a minute of looking at the search page. */
const STALE_MS = 60_000;

export async function fetchTagNames(w: TagWindowArgs, signal?: AbortSignal): Promise<TagNames> {
  const params = new URLSearchParams({ start: w.startS, end: w.endS });
  const body = await readJson<{ scopes: { name: string; tags: string[] }[] }>(await fetch(`/tempo/api/v2/search/tags?${params}`, { signal }));
  const scope = (name: string) => body.scopes.find((s) => s.name === name)?.tags ?? [];
  return { intrinsics: scope('intrinsic'), span: scope('span'), resource: scope('resource') };
}

export async function fetchTagValues(tag: string, w: TagWindowArgs, signal?: AbortSignal): Promise<CompletionValue[]> {
  const params = new URLSearchParams({ start: w.startS, end: w.endS });
  const body = await readJson<{ tagValues: CompletionValue[] }>(await fetch(`/tempo/api/v2/search/tag/${encodeURIComponent(tag)}/values?${params}`, { signal }));
  return body.tagValues;
}

export function tagNamesQuery(w: TagWindowArgs) {
  return queryOptions({ queryKey: tagKeys.names(w), queryFn: ({ signal }) => fetchTagNames(w, signal), staleTime: STALE_MS, ...retryWhenBusy });
}

export function tagValuesQuery(tag: string, w: TagWindowArgs) {
  return queryOptions({ queryKey: tagKeys.values(tag, w), queryFn: ({ signal }) => fetchTagValues(tag, w, signal), staleTime: STALE_MS, ...retryWhenBusy });
}

/** A search window in unix ns → the tag APIs' whole seconds (rounded outwards so no span is left out). */
export function tagWindowOf(fromNs: bigint, toNs: bigint): TagWindowArgs {
  return { startS: (fromNs / 1_000_000_000n).toString(), endS: ((toNs + 999_999_999n) / 1_000_000_000n).toString() };
}
