// TanStack Query keys and options of the /compare page. The pair diff runs in the trace Web Worker; the set
// comparison is computed by PostgreSQL (GET /api/compare/sets).
import { queryOptions } from '@tanstack/react-query';
import type { SetComparison } from '@/lib/domain/compare/set-comparison';
import { readJson } from './api-error';
import { compareInTraceWorker, compareNodeInTraceWorker } from './trace-worker/trace-worker-client';

export interface SetsArgs {
  selection: string;
  fromNs: string;
  toNs: string;
  baseline: string;
  baselineFromNs: string;
  baselineToNs: string;
}

export const compareKeys = {
  all: ['compare'] as const,
  pair: (a: string, b: string) => [...compareKeys.all, 'pair', a, b] as const,
  node: (a: string, b: string, node: number) => [...compareKeys.pair(a, b), 'node', node] as const,
  sets: (args: SetsArgs) => [...compareKeys.all, 'sets', args] as const,
};

export function comparePairQuery(a: string, b: string) {
  // No structural sharing: the result holds 100k-entry arrays that a deep compare would walk for nothing.
  return queryOptions({ queryKey: compareKeys.pair(a, b), queryFn: () => compareInTraceWorker(a, b), staleTime: Infinity, gcTime: 60_000, retry: false, structuralSharing: false });
}

export function compareNodeQuery(a: string, b: string, node: number) {
  return queryOptions({ queryKey: compareKeys.node(a, b, node), queryFn: () => compareNodeInTraceWorker(a, b, node), staleTime: Infinity, enabled: node >= 0 });
}

export async function fetchSetComparison(args: SetsArgs, signal?: AbortSignal): Promise<SetComparison> {
  const params = new URLSearchParams({
    selection: args.selection,
    from: args.fromNs,
    to: args.toNs,
    baseline: args.baseline,
    baselineFrom: args.baselineFromNs,
    baselineTo: args.baselineToNs,
  });
  return readJson<SetComparison>(await fetch(`/api/compare/sets?${params}`, { signal }));
}

export function setComparisonQuery(args: SetsArgs) {
  return queryOptions({ queryKey: compareKeys.sets(args), queryFn: ({ signal }) => fetchSetComparison(args, signal), retry: false });
}
