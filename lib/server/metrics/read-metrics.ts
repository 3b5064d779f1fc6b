import 'server-only';
// Reads for GET /api/metrics: the metrics a tenant (optionally one service) reported in a window, and one
// metric's series (points grouped by service and attributes, in time order), capped at MAX_METRIC_POINTS.
import type { Attributes } from '@/lib/domain/model/any-value';
import type { MetricData, MetricExemplar, MetricKind } from '@/lib/domain/metrics/metric-point';
import type { MetricSeries, MetricSummary } from '@/lib/domain/metrics/metric-series';
import type { Queryable } from '../db/queryable';

export const MAX_METRIC_POINTS = 20_000;

export interface MetricQuery {
  tenant: string;
  service: string | null;
  fromUnixNano: bigint;
  toUnixNano: bigint;
}

export async function listMetrics(db: Queryable, q: MetricQuery): Promise<MetricSummary[]> {
  const { rows } = await db.query<{ name: string; kind: MetricKind; unit: string; description: string; services: string[]; points: string }>(
    `SELECT metric_name AS name, kind, unit, max(description) AS description,
            array_agg(DISTINCT service_name ORDER BY service_name) AS services, count(*) AS points
       FROM metric_points
      WHERE tenant = $1 AND ($2::text IS NULL OR service_name = $2) AND time_unix_nano >= $3 AND time_unix_nano < $4
      GROUP BY metric_name, kind, unit
      ORDER BY metric_name, kind, unit`,
    [q.tenant, q.service, q.fromUnixNano.toString(), q.toUnixNano.toString()],
  );
  return rows.map((r) => ({ ...r, points: Number(r.points) }));
}

export async function getMetricSeries(db: Queryable, q: MetricQuery, name: string): Promise<{ series: MetricSeries[]; truncated: boolean }> {
  const { rows } = await db.query<{
    service_name: string;
    kind: MetricKind;
    unit: string;
    temporality: number;
    monotonic: boolean;
    series_key: string;
    attributes: Attributes;
    t: string;
    start: string;
    value: number | null;
    data: MetricData | null;
    exemplars: MetricExemplar[];
  }>(
    `SELECT service_name, kind, unit, temporality, monotonic, series_key, attributes, time_unix_nano::text AS t,
            start_time_unix_nano::text AS start, value, data, exemplars
       FROM metric_points
      WHERE tenant = $1 AND ($2::text IS NULL OR service_name = $2) AND metric_name = $5
        AND time_unix_nano >= $3 AND time_unix_nano < $4
      ORDER BY service_name, kind, unit, series_key, time_unix_nano
      LIMIT ${MAX_METRIC_POINTS + 1}`,
    [q.tenant, q.service, q.fromUnixNano.toString(), q.toUnixNano.toString(), name],
  );
  const truncated = rows.length > MAX_METRIC_POINTS;
  const series: MetricSeries[] = [];
  let key = '';
  for (const r of rows.slice(0, MAX_METRIC_POINTS)) {
    const k = `${r.service_name}\u0000${r.kind}\u0000${r.unit}\u0000${r.series_key}`;
    if (k !== key) {
      key = k;
      series.push({ service: r.service_name, kind: r.kind, unit: r.unit, temporality: r.temporality, monotonic: r.monotonic, attributes: r.attributes, points: [] });
    }
    series[series.length - 1]!.points.push({ timeUnixNano: r.t, startTimeUnixNano: r.start, value: r.value, data: r.data, exemplars: r.exemplars });
  }
  return { series, truncated };
}
