// TanStack Query keys and options for the trace page. Keys come only from traceKeys. A loaded trace is
// cached until refreshed (spans of a finished trace do not change; the page's Refresh button invalidates).
import { queryOptions } from '@tanstack/react-query';
import { analyzeInWorker, findInWorker, findWithAttributesInWorker, loadLocalTraceInWorker, loadTraceInWorker, spanDetailInWorker } from './trace-worker/trace-worker-client';
import { fetchSpanLogs } from './fetch-span-logs';
import { fetchTraceLogs } from './fetch-trace-logs';

export const traceKeys = {
  all: ['traces'] as const,
  detail: (traceId: string) => [...traceKeys.all, 'detail', traceId] as const,
  /** A trace of a file opened on /trace/local; `file` tells two opened files apart. */
  local: (file: number, traceId: string) => [...traceKeys.all, 'local', file, traceId] as const,
  analysis: (traceId: string, loadedAt: number) => [...traceKeys.detail(traceId), 'analysis', loadedAt] as const,
  find: (traceId: string, loadedAt: number, query: string) => [...traceKeys.detail(traceId), 'find', loadedAt, query] as const,
  findAttributes: (traceId: string, loadedAt: number, query: string) => [...traceKeys.detail(traceId), 'find-attributes', loadedAt, query] as const,
  span: (traceId: string, loadedAt: number, node: number) => [...traceKeys.detail(traceId), 'span', loadedAt, node] as const,
  spanLogs: (traceId: string, spanId: string) => [...traceKeys.all, 'logs', traceId, spanId] as const,
  traceLogs: (traceId: string) => [...traceKeys.all, 'logs', traceId] as const,
};

export function traceWaterfallQuery(traceId: string) {
  return queryOptions({
    queryKey: traceKeys.detail(traceId),
    queryFn: () => loadTraceInWorker(traceId),
    staleTime: Infinity,
    gcTime: 60_000,
    retry: 1,
  });
}

/** One trace of the opened local file, built in the worker (nothing is fetched). */
export function localTraceQuery(file: number, traceId: string) {
  return queryOptions({
    queryKey: traceKeys.local(file, traceId),
    queryFn: () => loadLocalTraceInWorker(traceId),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
}

/** Skew correction, critical path and findings, computed in the worker after the rows are on screen. */
export function traceAnalysisQuery(traceId: string, loadedAt: number) {
  return queryOptions({
    queryKey: traceKeys.analysis(traceId, loadedAt),
    queryFn: () => analyzeInWorker(traceId),
    staleTime: Infinity,
    enabled: loadedAt > 0,
  });
}

export function traceFindQuery(traceId: string, loadedAt: number, query: string) {
  return queryOptions({
    queryKey: traceKeys.find(traceId, loadedAt, query),
    queryFn: () => findInWorker(traceId, query),
    staleTime: Infinity,
    enabled: query.trim() !== '',
  });
}

/** Find including attribute values (the server searches them for a stored trace): answers after traceFindQuery. */
export function traceAttributeFindQuery(traceId: string, loadedAt: number, query: string, enabled: boolean) {
  return queryOptions({
    queryKey: traceKeys.findAttributes(traceId, loadedAt, query),
    queryFn: () => findWithAttributesInWorker(traceId, query),
    staleTime: Infinity,
    enabled: enabled && query.trim() !== '',
  });
}

export function spanDetailQuery(traceId: string, loadedAt: number, node: number) {
  return queryOptions({
    queryKey: traceKeys.span(traceId, loadedAt, node),
    queryFn: () => spanDetailInWorker(traceId, node),
    staleTime: Infinity,
    enabled: node >= 0,
  });
}

export function traceLogsQuery(traceId: string) {
  return queryOptions({
    queryKey: traceKeys.traceLogs(traceId),
    queryFn: () => fetchTraceLogs(traceId),
    staleTime: 30_000,
    retry: false,
  });
}

export function spanLogsQuery(traceId: string, spanId: string) {
  return queryOptions({
    queryKey: traceKeys.spanLogs(traceId, spanId),
    queryFn: () => fetchSpanLogs(traceId, spanId),
    staleTime: 30_000,
    retry: false,
  });
}
