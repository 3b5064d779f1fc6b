import 'server-only';
// count_over_time and sum [by] of it, evaluated like Loki: at each step point t (start, start+step, ... ≤ end)
// the value is the number of matching lines with time in (t - range, t]. Each matching line is read once and
// counted into every point whose window holds it (integer arithmetic on unix ns); points without lines are
// omitted, as Loki omits them. Grafana's log volume histogram is `sum by (level) (count_over_time(...))`.
import type pg from 'pg';
import type { MetricQuery } from '@/lib/domain/logql/logql-ast';
import { AppError } from '../http/app-error';
import { joinSql, sql, type SqlFragment } from '../db/sql-template';
import { compileLogSource, fieldExpr, parsersOf } from './compile-logql';
import { runLogQuery } from './run-log-query';

export const MAX_POINTS = 11_000;

export interface MetricSeries {
  metric: Record<string, string>;
  /** [unix seconds, count as a decimal string], Loki's sample shape. */
  values: [number, string][];
}

export interface MetricScope {
  tenant: string;
  startNs: bigint;
  /** Inclusive: the last point is the largest start + k·step ≤ endNs. */
  endNs: bigint;
  stepNs: bigint;
}

function groupKey(metric: MetricQuery): SqlFragment {
  if (metric.aggregation === null) return sql`s.labels`;
  const parsers = parsersOf(metric.query);
  const pairs = metric.aggregation.by.map((name) => sql`${name}::text, NULLIF(${fieldExpr(name, parsers)}, '')`);
  return pairs.length === 0 ? sql`'{}'::jsonb` : sql`jsonb_strip_nulls(jsonb_build_object(${joinSql(pairs, ', ')}))`;
}

export async function queryLogMetric(pool: pg.Pool, metric: MetricQuery, scope: MetricScope): Promise<MetricSeries[]> {
  if (scope.stepNs <= 0n) throw new AppError('bad_request', 'step must be positive');
  const points = (scope.endNs - scope.startNs) / scope.stepNs + 1n;
  if (points > BigInt(MAX_POINTS)) {
    throw new AppError('bad_request', `exceeded maximum resolution of ${MAX_POINTS} points per time series; increase step`);
  }
  const rangeNs = BigInt(Math.round(metric.rangeSeconds * 1e9));
  const start = scope.startNs.toString();
  const step = scope.stepNs.toString();
  const range = rangeNs.toString();
  const last = (points - 1n).toString();
  // Lines in (start - range, end] can fall into some window.
  const source = compileLogSource(metric.query, { tenant: scope.tenant, startNs: scope.startNs - rangeNs + 1n, endNs: scope.endNs + 1n });
  const rows = await runLogQuery<{ metric: Record<string, string>; i: string; n: number }>(
    pool,
    sql`WITH matched AS (SELECT l.time_unix_nano AS t, ${groupKey(metric)} AS g ${source})
        SELECT g AS metric, i::text AS i, count(*)::int AS n
        FROM matched, generate_series(
          GREATEST(0, (t - ${start}::int8 + ${step}::int8 - 1) / ${step}::int8),
          LEAST(${last}::int8, (t + ${range}::int8 - 1 - ${start}::int8) / ${step}::int8)) AS i
        GROUP BY g, i ORDER BY g::text, i`,
  );
  const series = new Map<string, MetricSeries>();
  for (const r of rows) {
    const key = JSON.stringify(r.metric);
    let s = series.get(key);
    if (!s) {
      s = { metric: r.metric, values: [] };
      series.set(key, s);
    }
    const pointNs = scope.startNs + BigInt(r.i) * scope.stepNs;
    s.values.push([Number(pointNs / 1_000_000n) / 1000, String(r.n)]);
  }
  return [...series.values()];
}
