import 'server-only';
// The service dependency graph of a time window: an edge parent-service → child-service for each span whose
// parent span (in the same window) belongs to another service, with call count, errors (of the child span)
// and child-span duration percentiles. Large windows use a trace sample (sample-traces.ts): counts are
// scaled back up, percentiles come from the sample.
import type { Queryable } from '../db/queryable';
import { serviceAggregates, type AggregateRow } from './service-aggregates';
import { scaleCount, type TraceSample } from './sample-traces';

export interface ServiceEdge {
  parent: string;
  child: string;
  calls: number;
  errors: number;
  p50Ns: string;
  p99Ns: string;
}

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
      p50Ns: BigInt(Math.round(r.pct[0] ?? 0)).toString(),
      p99Ns: BigInt(Math.round(r.pct[1] ?? 0)).toString(),
    }));
}

export async function serviceEdges(db: Queryable, w: ServiceGraphWindow, sample: TraceSample = { below: 256 }): Promise<ServiceEdge[]> {
  return serviceEdgesFrom(await serviceAggregates(db, w, sample), sample);
}
