// URL state of the logs page: `query` (LogQL) plus the time range. The one place that reads and writes it.
import type { TimeRange } from '@/lib/domain/time/time-range';
import { readTimeRange, writeTimeRange } from '../time/time-range-search-params';

export interface LogsPageState {
  query: string;
  range: TimeRange;
}

export function readLogsState(params: URLSearchParams): LogsPageState {
  return { query: params.get('query') ?? '', range: readTimeRange(params) };
}

export function logsHref(state: LogsPageState): string {
  const params = new URLSearchParams();
  if (state.query) params.set('query', state.query);
  writeTimeRange(params, state.range);
  return `/logs?${params}`;
}
