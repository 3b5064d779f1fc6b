import 'server-only';
// The service dependency graph of a time window: an edge parent-service → child-service for each span whose
// parent span (in the same window) belongs to another service, with call count, errors (of the child span)
// and child-span duration percentiles. Large windows use a trace sample (sample-traces.ts): counts are
// scaled back up, percentiles come from the sample.
import type { ServiceMapEdge } from '@/lib/domain/services/service-map';
import type { Queryable } from '../db/queryable';
import { percentileNsText, serviceAggregates, type AggregateRow } from './service-aggregates';
import { scaleCount, type TraceSample } from './sample-traces';

/** An edge of the wire shape before cycle marking (build-service-map.ts adds inCycle). */
export type ServiceEdge = Omit<ServiceMapEdge, 'inCycle'>;

export interface ServiceGraphWindow {
  tenant: string;
  fromNs: bigint;
  toNs: bigint;
}

export function serviceEdgesFrom(rows: readonly AggregateRow[], sample: TraceSample): ServiceEdge[] {
  return rows
    .flatMap((r) => (r.row_kind === 'edge' ? [r] : []))
    .sort((x, y) => x.a.localeCompare(y.a) || x.b.localeCompare(y.b))
    .map((r) => ({
      parent: r.a,
      child: r.b,
      calls: scaleCount(r.n, sample),
      errors: scaleCount(r.e, sample),
      p50Ns: percentileNsText(r.pct[0]),
      p99Ns: percentileNsText(r.pct[1]),
    }));
}

export async function serviceEdges(db: Queryable, w: ServiceGraphWindow, sample: TraceSample = { below: 256 }): Promise<ServiceEdge[]> {
  return serviceEdgesFrom(await serviceAggregates(db, w, sample), sample);
}
