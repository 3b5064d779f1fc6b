// Typed fetchers and TanStack Query options for GET /api/metrics (metric list and one metric's series).
import { queryOptions } from '@tanstack/react-query';
import type { MetricSeries, MetricSummary } from '@/lib/domain/metrics/metric-series';
import { readJson } from './api-error';

export interface MetricsArgs {
  service: string;
  fromNs: string;
  toNs: string;
}

export function metricListQuery(args: MetricsArgs) {
  return queryOptions({
    queryKey: ['metrics', 'list', args] as const,
    queryFn: async ({ signal }) => {
      const params = new URLSearchParams({ service: args.service, from: args.fromNs, to: args.toNs });
      return readJson<{ metrics: MetricSummary[] }>(await fetch(`/api/metrics?${params}`, { signal }));
    },
    retry: false,
  });
}

export function metricSeriesQuery(args: MetricsArgs & { name: string }) {
  return queryOptions({
    queryKey: ['metrics', 'series', args] as const,
    queryFn: async ({ signal }) => {
      const params = new URLSearchParams({ service: args.service, name: args.name, from: args.fromNs, to: args.toNs });
      return readJson<{ name: string; series: MetricSeries[]; truncated: boolean }>(await fetch(`/api/metrics?${params}`, { signal }));
    },
    retry: false,
  });
}
