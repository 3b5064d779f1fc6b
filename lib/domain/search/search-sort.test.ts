import { describe, expect, it } from 'vitest';
import { DEFAULT_SEARCH_SORT, isSearchSortKey, sameSearchSort, toggleSearchSort } from './search-sort';

describe('search sort', () => {
  it('flips direction on the same key and starts a new key descending', () => {
    expect(toggleSearchSort(DEFAULT_SEARCH_SORT, 'start')).toEqual({ key: 'start', descending: false });
    expect(toggleSearchSort({ key: 'start', descending: false }, 'duration')).toEqual({ key: 'duration', descending: true });
  });
  it('knows its keys', () => {
    expect(['start', 'duration', 'spans', 'errors', 'root', ''].filter(isSearchSortKey)).toEqual(['start', 'duration', 'spans', 'errors']);
    expect(sameSearchSort({ key: 'spans', descending: true }, { key: 'spans', descending: false })).toBe(false);
  });
});
