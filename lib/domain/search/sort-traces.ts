// Client-side ordering of one page of search results. Times and durations are ns decimal strings, compared
// as bigint; ties keep the server's order (newest first).
import type { TraceSummary } from '../model/trace-summary';

export type TraceSortKey = 'root' | 'start' | 'duration' | 'spans' | 'errors';
export interface TraceSort {
  key: TraceSortKey;
  descending: boolean;
}

export const DEFAULT_SORT: TraceSort = { key: 'start', descending: true };

function compare(a: TraceSummary, b: TraceSummary, key: TraceSortKey): number {
  switch (key) {
    case 'root':
      return `${a.rootService ?? ''} ${a.rootName ?? ''}`.localeCompare(`${b.rootService ?? ''} ${b.rootName ?? ''}`);
    case 'start': {
      const d = BigInt(a.startUnixNano) - BigInt(b.startUnixNano);
      return d === 0n ? 0 : d < 0n ? -1 : 1;
    }
    case 'duration': {
      const d = BigInt(a.durationNs) - BigInt(b.durationNs);
      return d === 0n ? 0 : d < 0n ? -1 : 1;
    }
    case 'spans':
      return a.spanCount - b.spanCount;
    case 'errors':
      return a.errorCount - b.errorCount;
  }
}

export function sortTraces<T extends TraceSummary>(traces: readonly T[], sort: TraceSort): T[] {
  return traces
    .map((t, i) => ({ t, i }))
    .sort((x, y) => (sort.descending ? -compare(x.t, y.t, sort.key) : compare(x.t, y.t, sort.key)) || x.i - y.i)
    .map((x) => x.t);
}

/** Clicking a column: same key flips direction; a new key starts descending (biggest/newest first). */
export function toggleSort(current: TraceSort, key: TraceSortKey): TraceSort {
  return current.key === key ? { key, descending: !current.descending } : { key, descending: key !== 'root' };
}
