import 'server-only';
// Stores metric points: the day partitions of the batch first, then one INSERT over unnest'ed arrays,
// idempotent on (tenant, service, metric, series, time) so a re-delivered export stores nothing twice.
import type { MetricPoint } from '@/lib/domain/metrics/metric-point';
import { dayOfUnixNano, ensureDayPartitions } from '../db/partitions';
import type { Queryable } from '../db/queryable';

const INSERT_SQL = `
INSERT INTO metric_points (tenant, service_name, metric_name, kind, unit, description, temporality, monotonic,
                           series_key, time_unix_nano, start_time_unix_nano, attributes, value, data, exemplars)
SELECT tenant, service_name, metric_name, kind, unit, description, temporality, monotonic,
       md5(attributes::jsonb::text), time_unix_nano, start_time_unix_nano, attributes::jsonb, value, data::jsonb, exemplars::jsonb
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int2[], $8::bool[],
            $9::int8[], $10::int8[], $11::text[], $12::float8[], $13::text[], $14::text[])
     AS t(tenant, service_name, metric_name, kind, unit, description, temporality, monotonic,
          time_unix_nano, start_time_unix_nano, attributes, value, data, exemplars)
ORDER BY 1, 2, 3, 11, 9
ON CONFLICT DO NOTHING`;

/** NaN and ±Infinity survive as float8; JSON cannot hold them, so inside `data` they become null. */
export async function writeMetrics(db: Queryable, points: readonly MetricPoint[]): Promise<void> {
  if (points.length === 0) return;
  await ensureDayPartitions(
    db,
    'metric_points',
    points.map((p) => dayOfUnixNano(p.timeUnixNano)),
  );
  const col = <T>(f: (p: MetricPoint) => T): T[] => points.map(f);
  await db.query(INSERT_SQL, [
    col((p) => p.tenant),
    col((p) => p.serviceName),
    col((p) => p.name),
    col((p) => p.kind),
    col((p) => p.unit),
    col((p) => p.description),
    col((p) => p.temporality),
    col((p) => p.monotonic),
    col((p) => p.timeUnixNano.toString()),
    col((p) => p.startTimeUnixNano.toString()),
    col((p) => JSON.stringify(p.attributes)),
    col((p) => (p.value === null ? null : Number.isFinite(p.value) ? p.value : String(p.value))),
    col((p) => (p.data === null ? null : JSON.stringify(p.data))),
    col((p) => JSON.stringify(p.exemplars)),
  ]);
}
