import 'server-only';
// LogQL metric expressions, evaluated like Loki: at each step point t (start, start+step, ... ≤ end) a range
// function sees the matching lines with time in (t - range, t]. The database computes every range function
// (each matching line is read once and folded into every point whose window holds it — integer arithmetic on
// unix ns); literals, aggregations and binary operators are applied per step by lib/domain/logql/evaluate-metric.
// Points without lines are omitted, as Loki omits them. Series come out in label order, samples in step order.
import type pg from 'pg';
import type { Grouping, MetricExpr, RangeExpr } from '@/lib/domain/logql/logql-ast';
import { LogqlError } from '@/lib/domain/logql/logql-ast';
import { evaluateMetric, formatSample, type StepSeries } from '@/lib/domain/logql/evaluate-metric';
import { AppError } from '../http/app-error';
import { joinSql, sql, type SqlFragment } from '../db/sql-template';
import { compileLogSource, compilePipeline } from './compile-logql';
import { runLogQuery } from './run-log-query';

export const MAX_POINTS = 11_000;
/** Samples one range function may produce (series × steps): bounds the rows read and the arrays built here. */
export const MAX_SAMPLES = 500_000;
const MAX_CELLS = 5_000_000;

export interface MetricSeries {
  metric: Record<string, string>;
  /** [unix seconds, value as a decimal string], Loki's sample shape. */
  values: [number, string][];
}

export type MetricResult = { kind: 'scalar'; values: [number, string][] } | { kind: 'vector'; series: MetricSeries[] };

export interface MetricScope {
  tenant: string;
  startNs: bigint;
  /** Inclusive: the last point is the largest start + k·step ≤ endNs. */
  endNs: bigint;
  stepNs: bigint;
}

function groupKey(range: RangeExpr, grouping: Grouping | null): SqlFragment {
  const pipeline = compilePipeline(range.query);
  if (grouping === null) return pipeline.labels;
  if (grouping.without) return sql`(${pipeline.labels} - ${grouping.labels}::text[])`;
  const pairs = grouping.labels.map((name) => sql`${name}::text, NULLIF(${pipeline.field(name)}, '')`);
  return pairs.length === 0 ? sql`'{}'::jsonb` : sql`jsonb_strip_nulls(jsonb_build_object(${joinSql(pairs, ', ')}))`;
}

/** The per-line value the window aggregate folds: the line's bytes or its unwrapped field. */
function lineValue(range: RangeExpr): SqlFragment {
  const pipeline = compilePipeline(range.query);
  if (range.unwrap === null) return range.fn.startsWith('bytes') ? sql`octet_length(${pipeline.line})::float8` : sql`1::float8`;
  const field = pipeline.field(range.unwrap.field);
  return range.unwrap.conversion === 'duration' ? sql`tracehound_duration_seconds(${field})` : sql`tracehound_try_float(${field})`;
}

function windowAggregate(range: RangeExpr): SqlFragment {
  switch (range.fn) {
    case 'count_over_time':
    case 'rate':
      return sql`count(*)::float8`;
    case 'bytes_over_time':
    case 'bytes_rate':
    case 'sum_over_time':
      return sql`sum(v)`;
    case 'avg_over_time':
      return sql`avg(v)`;
    case 'min_over_time':
      return sql`min(v)`;
    case 'max_over_time':
      return sql`max(v)`;
    case 'stddev_over_time':
      return sql`stddev_pop(v)`;
    case 'stdvar_over_time':
      return sql`var_pop(v)`;
    case 'quantile_over_time':
      return sql`percentile_cont(${range.param ?? 0.5}::float8) WITHIN GROUP (ORDER BY v)`;
  }
}

async function loadRange(pool: pg.Pool, range: RangeExpr, grouping: Grouping | null, scope: MetricScope, points: bigint): Promise<StepSeries[]> {
  const rangeNs = BigInt(Math.round(range.rangeSeconds * 1e9));
  const start = scope.startNs.toString();
  const step = scope.stepNs.toString();
  const last = (points - 1n).toString();
  // Lines in (start - range, end] can fall into some window.
  const source = compileLogSource(range.query, { tenant: scope.tenant, startNs: scope.startNs - rangeNs + 1n, endNs: scope.endNs + 1n });
  const rows = await runLogQuery<{ metric: Record<string, string>; idx: number; n: number | null }>(
    pool,
    sql`WITH matched AS (SELECT l.time_unix_nano AS t, ${groupKey(range, grouping ?? range.grouping)} AS g, ${lineValue(range)} AS v ${source})
        SELECT g AS metric, i::int4 AS idx, ${windowAggregate(range)} AS n
        FROM matched, generate_series(
          GREATEST(0, (t - ${start}::int8 + ${step}::int8 - 1) / ${step}::int8),
          LEAST(${last}::int8, (t + ${rangeNs.toString()}::int8 - 1 - ${start}::int8) / ${step}::int8)) AS i
        WHERE v IS NOT NULL
        GROUP BY g, i ORDER BY g::text, i
        LIMIT ${MAX_SAMPLES + 1}`,
  );
  if (rows.length > MAX_SAMPLES) {
    throw new AppError('bad_request', `the query produces more than ${MAX_SAMPLES} samples; aggregate with sum by (...), narrow the selector or increase step`);
  }
  const perSecond = range.fn === 'rate' || range.fn === 'bytes_rate' ? range.rangeSeconds : 1;
  const series = new Map<string, StepSeries>();
  for (const r of rows) {
    if (r.n === null) continue;
    const key = JSON.stringify(r.metric);
    let s = series.get(key);
    if (!s) {
      // Every series holds one slot per step; bound series × steps, not only the rows read.
      if ((series.size + 1) * Number(points) > MAX_CELLS) {
        throw new AppError('bad_request', `the query produces more than ${Math.floor(MAX_CELLS / Number(points))} series at this step; aggregate with sum by (...) or increase step`);
      }
      series.set(key, (s = { metric: r.metric, values: new Array<number | undefined>(Number(points)).fill(undefined) }));
    }
    s.values[r.idx] = Number(r.n) / perSecond;
  }
  return [...series.values()];
}

function samples(values: readonly (number | undefined)[], scope: MetricScope): [number, string][] {
  const out: [number, string][] = [];
  values.forEach((v, i) => {
    if (v === undefined) return;
    const pointNs = scope.startNs + BigInt(i) * scope.stepNs;
    out.push([Number(pointNs / 1_000_000n) / 1000, formatSample(v)]);
  });
  return out;
}

export async function queryLogMetric(pool: pg.Pool, expr: MetricExpr, scope: MetricScope): Promise<MetricResult> {
  if (scope.stepNs <= 0n) throw new AppError('bad_request', 'step must be positive');
  const points = (scope.endNs - scope.startNs) / scope.stepNs + 1n;
  if (points > BigInt(MAX_POINTS)) {
    throw new AppError('bad_request', `exceeded maximum resolution of ${MAX_POINTS} points per time series; increase step`);
  }
  let value;
  try {
    value = await evaluateMetric(expr, Number(points), (range, grouping) => loadRange(pool, range, grouping, scope, points));
  } catch (error) {
    if (error instanceof LogqlError) throw new AppError('bad_request', `LogQL: ${error.message}`);
    throw error;
  }
  if (value.kind === 'scalar') return { kind: 'scalar', values: samples(value.values, scope) };
  const series = value.series.map((s) => ({ metric: s.metric, values: samples(s.values, scope) })).sort((a, b) => (JSON.stringify(a.metric) < JSON.stringify(b.metric) ? -1 : 1));
  return { kind: 'vector', series };
}
