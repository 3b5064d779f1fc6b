import 'server-only';
// The service dependency graph of a time window, computed in SQL: an edge parent-service → child-service
// for each span whose parent span belongs to another service, with call count, errors (of the child span)
// and child-span duration percentiles.
//
// Large windows are computed on a sample of whole traces (see sample-traces.ts): counts are scaled back up,
// percentiles come from the sample.
import { queryRows, type Queryable } from '../db/queryable';
import { sql } from '../db/sql-template';
import { sampleFilter, scaleCount, type TraceSample } from './sample-traces';

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

export async function serviceEdges(db: Queryable, w: ServiceGraphWindow, sample: TraceSample = { below: 256 }): Promise<ServiceEdge[]> {
  const rows = await queryRows<{ parent: string; child: string; calls: number; errors: number; p50: number; p99: number }>(
    db,
    sql`SELECT p.service_name AS parent, c.service_name AS child, count(*)::int AS calls,
  (count(*) FILTER (WHERE c.status_code = 2))::int AS errors,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY c.duration_ns) AS p50,
  percentile_cont(0.99) WITHIN GROUP (ORDER BY c.duration_ns) AS p99
FROM spans c
JOIN spans p ON p.tenant = c.tenant AND p.trace_id = c.trace_id AND p.span_id = c.parent_span_id
WHERE c.tenant = ${w.tenant} AND c.start_time_unix_nano >= ${w.fromNs.toString()}::int8
  AND c.start_time_unix_nano < ${w.toNs.toString()}::int8 AND c.parent_span_id IS NOT NULL
  AND p.service_name <> c.service_name ${sampleFilter(sql`c.trace_id`, sample)}
GROUP BY 1, 2
ORDER BY 1, 2`,
  );
  return rows.map((r) => ({
    parent: r.parent,
    child: r.child,
    calls: scaleCount(r.calls, sample),
    errors: scaleCount(r.errors, sample),
    p50Ns: BigInt(Math.round(r.p50)).toString(),
    p99Ns: BigInt(Math.round(r.p99)).toString(),
  }));
}
