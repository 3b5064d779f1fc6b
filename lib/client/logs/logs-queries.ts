// Typed fetchers and TanStack Query options for the logs page. Query keys come from logsKeys only.
import { queryOptions } from '@tanstack/react-query';
import type { LogHistogram, LogLine } from '@/lib/domain/model/log-line';

export interface LogsRequest {
  query: string;
  /** Unix ns strings. */
  start: string;
  end: string;
  limit: number;
}

export class LogsApiError extends Error {
  override name = 'LogsApiError';
  /** Where in the query a LogQL parse error is, for a caret under it (the server's error.position). */
  constructor(
    message: string,
    readonly position: number | undefined = undefined,
  ) {
    super(message);
  }
}

/** API errors (4xx with a message) are answers, not glitches: do not retry them. */
function retryUnlessAnswered(failures: number, error: Error): boolean {
  return !(error instanceof LogsApiError) && failures < 2;
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  const body = (await res.json().catch(() => null)) as (T & { error?: { message?: string; position?: unknown } }) | null;
  const position = typeof body?.error?.position === 'number' ? body.error.position : undefined;
  if (res.status >= 400 && res.status < 500) throw new LogsApiError(body?.error?.message ?? `request failed with ${res.status}`, position);
  if (!res.ok) throw new Error(body?.error?.message ?? `request failed with ${res.status}`);
  return body as T;
}

export const logsKeys = {
  all: ['logs'] as const,
  lines: (r: LogsRequest) => [...logsKeys.all, 'lines', r] as const,
  histogram: (r: Omit<LogsRequest, 'limit'>, buckets: number) => [...logsKeys.all, 'histogram', r, buckets] as const,
};

export function logLinesQuery(r: LogsRequest) {
  return queryOptions({
    queryKey: logsKeys.lines(r),
    queryFn: () => getJson<{ lines: LogLine[] }>(`/api/logs/query?${new URLSearchParams({ query: r.query, start: r.start, end: r.end, limit: String(r.limit) })}`),
    enabled: r.query.trim() !== '',
    retry: retryUnlessAnswered,
  });
}

export function logHistogramQuery(r: Omit<LogsRequest, 'limit'>, buckets: number) {
  return queryOptions({
    queryKey: logsKeys.histogram(r, buckets),
    queryFn: () => getJson<LogHistogram>(`/api/logs/histogram?${new URLSearchParams({ query: r.query, start: r.start, end: r.end, buckets: String(buckets) })}`),
    enabled: r.query.trim() !== '',
    retry: retryUnlessAnswered,
  });
}
