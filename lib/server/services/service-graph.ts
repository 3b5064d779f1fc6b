import 'server-only';
// The service dependency graph of a time window, computed in SQL: an edge parent-service → child-service
// for each span whose parent span belongs to another service, with call count, errors (of the child span)
// and child-span duration percentiles. Nodes carry their span volume so the map can size them.
import { queryRows, type Queryable } from '../db/queryable';
import { sql } from '../db/sql-template';

export interface ServiceEdge {
  parent: string;
  child: string;
  calls: number;
  errors: number;
  p50Ns: string;
  p99Ns: string;
}

export interface ServiceNode {
  service: string;
  spans: number;
  errors: number;
}

export interface ServiceGraphWindow {
  tenant: string;
  fromNs: bigint;
  toNs: bigint;
}

export async function serviceEdges(db: Queryable, w: ServiceGraphWindow): Promise<ServiceEdge[]> {
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
  AND p.service_name <> c.service_name
GROUP BY 1, 2
ORDER BY 1, 2`,
  );
  return rows.map((r) => ({
    parent: r.parent,
    child: r.child,
    calls: r.calls,
    errors: r.errors,
    p50Ns: BigInt(Math.round(r.p50)).toString(),
    p99Ns: BigInt(Math.round(r.p99)).toString(),
  }));
}

export async function serviceNodes(db: Queryable, w: ServiceGraphWindow): Promise<ServiceNode[]> {
  return queryRows<ServiceNode>(
    db,
    sql`SELECT service_name AS service, count(*)::int AS spans, (count(*) FILTER (WHERE status_code = 2))::int AS errors
FROM spans
WHERE tenant = ${w.tenant} AND start_time_unix_nano >= ${w.fromNs.toString()}::int8 AND start_time_unix_nano < ${w.toNs.toString()}::int8
GROUP BY 1 ORDER BY 1`,
  );
}
