import 'server-only';
// Keyset pagination over (sort column, trace id) in the chosen direction (lib/domain/search/search-sort.ts).
// The cursor is opaque to clients: base64url of "<key>.<a|d>.<value>.<traceIdHex>" of the last trace on the
// previous page. It names its sort so a cursor replayed under another order is refused instead of silently
// skipping or repeating traces. Cursors from before `sort` existed ("<startNs>.<traceIdHex>") read as start,
// newest first.
import { isSearchSortKey, type SearchSort } from '@/lib/domain/search/search-sort';
import { AppError } from '../http/app-error';

export interface SearchCursor {
  sort: SearchSort;
  /** The sort column's value on the last trace of the previous page (ns for start/duration, a count otherwise). */
  value: bigint;
  traceIdHex: string;
}

export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(`${cursor.sort.key}.${cursor.sort.descending ? 'd' : 'a'}.${cursor.value}.${cursor.traceIdHex}`).toString('base64url');
}

export function decodeCursor(text: string): SearchCursor {
  const decoded = Buffer.from(text, 'base64url').toString('utf8');
  const legacy = /^(\d{1,20})\.([0-9a-f]{32})$/.exec(decoded);
  if (legacy) return { sort: { key: 'start', descending: true }, value: BigInt(legacy[1]!), traceIdHex: legacy[2]! };
  const match = /^([a-z]{1,10})\.([ad])\.(\d{1,20})\.([0-9a-f]{32})$/.exec(decoded);
  if (!match || !isSearchSortKey(match[1]!)) {
    throw new AppError('bad_request', 'cursor is not valid; pass the nextCursor of a previous response', { details: { field: 'cursor' } });
  }
  return { sort: { key: match[1], descending: match[2] === 'd' }, value: BigInt(match[3]!), traceIdHex: match[4]! };
}
