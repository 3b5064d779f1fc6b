// Typed fetcher and TanStack Query options for GET /api/services (service map and per-service stats).
import { queryOptions } from '@tanstack/react-query';
import type { ServiceMap } from '@/lib/domain/services/service-map';
import { readJson } from './api-error';
import { retryWhenBusy } from './retry-when-busy';

export interface ServicesArgs {
  fromNs: string;
  toNs: string;
}

export const servicesKeys = {
  all: ['services'] as const,
  map: (args: ServicesArgs) => [...servicesKeys.all, 'map', args] as const,
};

export async function fetchServiceMap(args: ServicesArgs, signal?: AbortSignal): Promise<ServiceMap> {
  const params = new URLSearchParams({ from: args.fromNs, to: args.toNs });
  return readJson<ServiceMap>(await fetch(`/api/services?${params}`, { signal }));
}

export function serviceMapQuery(args: ServicesArgs) {
  return queryOptions({ queryKey: servicesKeys.map(args), queryFn: ({ signal }) => fetchServiceMap(args, signal), ...retryWhenBusy });
}
