import 'server-only';
// Per-service request statistics over a window, from entry spans (roots, SERVER and CONSUMER spans: the
// requests a service handled). Rate is per second over the window; the sparkline counts entry spans in
// SPARKLINE_BUCKETS equal slices of the window.
import { queryRows, type Queryable } from '../db/queryable';
import { sql } from '../db/sql-template';
import type { ServiceGraphWindow } from './service-graph';

export const SPARKLINE_BUCKETS = 30;

export interface ServiceStats {
  service: string;
  requests: number;
  errors: number;
  ratePerSecond: number;
  errorRate: number;
  p50Ns: string;
  p95Ns: string;
  p99Ns: string;
  sparkline: number[];
}

const ENTRY = sql`(parent_span_id IS NULL OR kind IN (2, 5))`;

export async function serviceStats(db: Queryable, w: ServiceGraphWindow): Promise<ServiceStats[]> {
  const window = sql`tenant = ${w.tenant} AND start_time_unix_nano >= ${w.fromNs.toString()}::int8 AND start_time_unix_nano < ${w.toNs.toString()}::int8`;
  const rows = await queryRows<{ service: string; requests: number; errors: number; pct: number[] }>(
    db,
    sql`SELECT service_name AS service, count(*)::int AS requests, (count(*) FILTER (WHERE status_code = 2))::int AS errors,
  percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY duration_ns) AS pct
FROM spans WHERE ${window} AND ${ENTRY}
GROUP BY 1 ORDER BY 1`,
  );
  const buckets = await queryRows<{ service: string; bucket: number; n: number }>(
    db,
    sql`SELECT service_name AS service,
  width_bucket(start_time_unix_nano::numeric, ${w.fromNs.toString()}::numeric, ${w.toNs.toString()}::numeric, ${SPARKLINE_BUCKETS}::int) AS bucket,
  count(*)::int AS n
FROM spans WHERE ${window} AND ${ENTRY}
GROUP BY 1, 2`,
  );
  const seconds = Number(w.toNs - w.fromNs) / 1e9;
  const lines = new Map<string, number[]>();
  for (const b of buckets) {
    const line = lines.get(b.service) ?? new Array<number>(SPARKLINE_BUCKETS).fill(0);
    if (b.bucket >= 1 && b.bucket <= SPARKLINE_BUCKETS) line[b.bucket - 1] = b.n;
    lines.set(b.service, line);
  }
  return rows.map((r) => ({
    service: r.service,
    requests: r.requests,
    errors: r.errors,
    ratePerSecond: seconds > 0 ? r.requests / seconds : 0,
    errorRate: r.requests > 0 ? r.errors / r.requests : 0,
    p50Ns: BigInt(Math.round(r.pct[0] ?? 0)).toString(),
    p95Ns: BigInt(Math.round(r.pct[1] ?? 0)).toString(),
    p99Ns: BigInt(Math.round(r.pct[2] ?? 0)).toString(),
    sparkline: lines.get(r.service) ?? new Array<number>(SPARKLINE_BUCKETS).fill(0),
  }));
}
