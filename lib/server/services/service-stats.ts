import 'server-only';
// Per-service figures over a window in one scan of spans: volume and errors of all spans (the map's node
// size) and request statistics of entry spans (roots, SERVER and CONSUMER spans: the requests a service
// handled) — rate per second, error rate, p50/p95/p99 — plus a sparkline of entry spans in
// SPARKLINE_BUCKETS equal slices of the window.
import { queryRows, type Queryable } from '../db/queryable';
import { sql } from '../db/sql-template';
import { sampleFilter, scaleCount, type TraceSample } from './sample-traces';
import type { ServiceGraphWindow } from './service-graph';

export const SPARKLINE_BUCKETS = 30;

export interface ServiceStats {
  service: string;
  spans: number;
  spanErrors: number;
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

export async function serviceStats(db: Queryable, w: ServiceGraphWindow, sample: TraceSample = { below: 256 }): Promise<ServiceStats[]> {
  const from = w.fromNs.toString();
  const width = (w.toNs - w.fromNs).toString();
  // Bucket by integer arithmetic (width_bucket on numeric measured ~3x slower). The product stays far below
  // 2^63 for any window shorter than ~9 years.
  const rows = await queryRows<{
    service: string; bucket: number; spans: number; span_errors: number; requests: number; errors: number;
  }>(
    db,
    sql`SELECT service_name AS service,
  ((start_time_unix_nano - ${from}::int8) * ${SPARKLINE_BUCKETS}::int8 / ${width}::int8)::int AS bucket,
  count(*)::int AS spans, (count(*) FILTER (WHERE status_code = 2))::int AS span_errors,
  (count(*) FILTER (WHERE ${ENTRY}))::int AS requests,
  (count(*) FILTER (WHERE ${ENTRY} AND status_code = 2))::int AS errors
FROM spans
WHERE tenant = ${w.tenant} AND start_time_unix_nano >= ${from}::int8 AND start_time_unix_nano < ${w.toNs.toString()}::int8
  ${sampleFilter(sql`trace_id`, sample)}
GROUP BY 1, 2`,
  );
  const pctRows = await queryRows<{ service: string; pct: number[] }>(
    db,
    sql`SELECT service_name AS service, percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY duration_ns) AS pct
FROM spans
WHERE tenant = ${w.tenant} AND start_time_unix_nano >= ${from}::int8 AND start_time_unix_nano < ${w.toNs.toString()}::int8
  AND ${ENTRY} ${sampleFilter(sql`trace_id`, sample)}
GROUP BY 1`,
  );
  const pct = new Map(pctRows.map((r) => [r.service, r.pct]));
  const seconds = Number(w.toNs - w.fromNs) / 1e9;
  const byService = new Map<string, ServiceStats>();
  for (const r of rows) {
    let s = byService.get(r.service);
    if (!s) {
      const p = pct.get(r.service) ?? [0, 0, 0];
      s = {
        service: r.service, spans: 0, spanErrors: 0, requests: 0, errors: 0, ratePerSecond: 0, errorRate: 0,
        p50Ns: BigInt(Math.round(p[0] ?? 0)).toString(), p95Ns: BigInt(Math.round(p[1] ?? 0)).toString(), p99Ns: BigInt(Math.round(p[2] ?? 0)).toString(),
        sparkline: new Array<number>(SPARKLINE_BUCKETS).fill(0),
      };
      byService.set(r.service, s);
    }
    // Raw sample counts here; scaled once at the end so per-bucket rounding does not accumulate.
    s.spans += r.spans;
    s.spanErrors += r.span_errors;
    s.requests += r.requests;
    s.errors += r.errors;
    if (r.bucket >= 0 && r.bucket < SPARKLINE_BUCKETS) s.sparkline[r.bucket] = (s.sparkline[r.bucket] ?? 0) + r.requests;
  }
  return [...byService.values()]
    .sort((a, b) => a.service.localeCompare(b.service))
    .map((s) => ({
      ...s,
      spans: scaleCount(s.spans, sample),
      spanErrors: scaleCount(s.spanErrors, sample),
      requests: scaleCount(s.requests, sample),
      errors: scaleCount(s.errors, sample),
      sparkline: s.sparkline.map((n) => scaleCount(n, sample)),
      ratePerSecond: seconds > 0 ? scaleCount(s.requests, sample) / seconds : 0,
      errorRate: s.requests > 0 ? s.errors / s.requests : 0,
    }));
}
