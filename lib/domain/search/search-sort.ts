// The order of search results, chosen by the user and applied by the server across pages (GET /api/search
// `sort` and `order`): every key is a trace_summaries column, tie-broken by trace id so keyset paging is
// stable. The default (start, newest first) is what the API did before `sort` existed.
export const SEARCH_SORT_KEYS = ['start', 'duration', 'spans', 'errors'] as const;
export type SearchSortKey = (typeof SEARCH_SORT_KEYS)[number];

export interface SearchSort {
  key: SearchSortKey;
  descending: boolean;
}

export const DEFAULT_SEARCH_SORT: SearchSort = { key: 'start', descending: true };

export function isSearchSortKey(text: string): text is SearchSortKey {
  return (SEARCH_SORT_KEYS as readonly string[]).includes(text);
}

/** Clicking a column: the same key flips direction; a new key starts descending (biggest/newest first). */
export function toggleSearchSort(current: SearchSort, key: SearchSortKey): SearchSort {
  return current.key === key ? { key, descending: !current.descending } : { key, descending: true };
}

export function sameSearchSort(a: SearchSort, b: SearchSort): boolean {
  return a.key === b.key && a.descending === b.descending;
}
