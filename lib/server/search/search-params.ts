import 'server-only';
// HTTP query parameters of GET /api/search → SearchRequest. Times are RFC 3339 or unix nanoseconds; the
// default window is the last hour; `sort` (start | duration | spans | errors) and `order` (desc | asc) default
// to start, newest first. Validation errors name the parameter.
import { DEFAULT_SEARCH_SORT, SEARCH_SORT_KEYS, isSearchSortKey, sameSearchSort, type SearchSort } from '@/lib/domain/search/search-sort';
import { parseInstant } from '@/lib/domain/time/parse-instant';
import { AppError } from '../http/app-error';
import { checkInstant } from '../http/param-checks';
import { decodeCursor } from './search-cursor';
import type { SearchRequest } from './search-traces';

export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 500;
const HOUR_NS = 3_600_000_000_000n;

export function instantParam(params: URLSearchParams, name: string, fallback: bigint): bigint {
  const text = params.get(name);
  if (text === null || text.trim() === '') return fallback;
  const value = parseInstant(text);
  if (value === null) {
    throw new AppError('bad_request', `${name} must be RFC 3339 (2026-11-24T21:00:00Z) or unix nanoseconds`, { details: { field: name } });
  }
  return checkInstant(name, value);
}

export function parseSearchParams(params: URLSearchParams, tenant: string, nowNs: bigint = BigInt(Date.now()) * 1_000_000n): SearchRequest {
  const toNs = instantParam(params, 'to', nowNs);
  const fromNs = instantParam(params, 'from', toNs - HOUR_NS);
  if (fromNs >= toNs) throw new AppError('bad_request', 'from must be before to', { details: { field: 'from' } });
  const limitText = params.get('limit');
  let limit = DEFAULT_SEARCH_LIMIT;
  if (limitText !== null && limitText !== '') {
    if (!/^\d{1,6}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > MAX_SEARCH_LIMIT) {
      throw new AppError('bad_request', `limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}`, { details: { field: 'limit' } });
    }
    limit = Number(limitText);
  }
  const sort = sortParams(params);
  const cursorText = params.get('cursor');
  const cursor = cursorText ? decodeCursor(cursorText) : undefined;
  if (cursor && !sameSearchSort(cursor.sort, sort)) {
    throw new AppError('bad_request', 'cursor belongs to another sort order; start again from the first page', { details: { field: 'cursor' } });
  }
  return {
    tenant,
    query: params.get('q') ?? '',
    fromNs,
    toNs,
    limit,
    sort,
    ...(cursor ? { cursor } : {}),
  };
}

function sortParams(params: URLSearchParams): SearchSort {
  const key = params.get('sort') || DEFAULT_SEARCH_SORT.key;
  if (!isSearchSortKey(key)) throw new AppError('bad_request', `sort must be one of ${SEARCH_SORT_KEYS.join(', ')}`, { details: { field: 'sort' } });
  const order = params.get('order') || 'desc';
  if (order !== 'desc' && order !== 'asc') throw new AppError('bad_request', 'order must be desc or asc', { details: { field: 'order' } });
  return { key, descending: order === 'desc' };
}
