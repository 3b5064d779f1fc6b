import 'server-only';
// One trace-derived indicator over a time window, from the stored spans: the TraceQL selection compiled by
// the search compiler (so indicators mean exactly what search means), joined back to the spans for status
// and duration. Units: percentiles in ms, rate in spans per second, error ratio in [0, 1].
import type { FindingType } from '@/lib/domain/analysis/finding';
import type { IndicatorMetric } from '@/lib/domain/chaos/experiment-schema';
import type { IndicatorValue } from '@/lib/domain/chaos/run-view';
import { queryRows, type Queryable } from '../db/queryable';
import { sql } from '../db/sql-template';
import { compileSpanset, withClause } from '../search/compile-traceql';
import { parseSearchQuery } from '../search/search-traces';
import { findingsByTrace } from './trace-findings';

export interface IndicatorRequest {
  name: string;
  selection: string;
  metric: IndicatorMetric;
  finding?: FindingType;
}

/** Traces analysed for a finding_count indicator (the most recent of the selection in the window). */
export const FINDING_COUNT_SAMPLE = 50;

interface StatsRow {
  n: number;
  errors: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

const msToNs = (ms: number) => BigInt(Math.floor(ms)) * 1_000_000n;

export async function measureIndicator(db: Queryable, tenant: string, indicator: IndicatorRequest, fromMs: number, toMs: number): Promise<IndicatorValue> {
  const [fromNs, toNs] = [msToNs(fromMs), msToNs(toMs)];
  const compiled = compileSpanset(parseSearchQuery(indicator.selection), { tenant, fromNs, toNs });
  if (indicator.metric === 'finding_count') return measureFindingCount(db, tenant, indicator, compiled, fromMs, toMs);
  const [row] = await queryRows<StatsRow>(
    db,
    sql`${withClause(compiled)}
SELECT count(*)::int AS n, (count(*) FILTER (WHERE s.status_code = 2))::int AS errors,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY s.duration_ns)::float8 AS p50,
  percentile_cont(0.95) WITHIN GROUP (ORDER BY s.duration_ns)::float8 AS p95,
  percentile_cont(0.99) WITHIN GROUP (ORDER BY s.duration_ns)::float8 AS p99
FROM (SELECT DISTINCT trace_id, span_id FROM ${compiled.root}) m
JOIN spans s ON s.tenant = ${tenant} AND s.trace_id = m.trace_id AND s.span_id = m.span_id
  AND s.start_time_unix_nano >= ${fromNs.toString()}::int8 AND s.start_time_unix_nano < ${toNs.toString()}::int8`,
  );
  const n = row?.n ?? 0;
  const seconds = Math.max(0.001, (toMs - fromMs) / 1000);
  const nsToMs = (v: number | null | undefined) => (v === null || v === undefined ? null : v / 1e6);
  const value =
    n === 0 && indicator.metric !== 'rate'
      ? null
      : { error_ratio: n ? row!.errors / n : null, p50: nsToMs(row?.p50), p95: nsToMs(row?.p95), p99: nsToMs(row?.p99), rate: n / seconds }[
          indicator.metric as Exclude<IndicatorMetric, 'finding_count'>
        ];
  return { name: indicator.name, metric: indicator.metric, value, spans: n, fromIso: new Date(fromMs).toISOString(), toIso: new Date(toMs).toISOString() };
}

export function measureAll(db: Queryable, tenant: string, indicators: readonly IndicatorRequest[], fromMs: number, toMs: number): Promise<IndicatorValue[]> {
  return Promise.all(indicators.map((i) => measureIndicator(db, tenant, i, fromMs, toMs)));
}

/** How many of the selection's most recent traces in the window show the finding (`spans` = traces analysed). */
async function measureFindingCount(db: Queryable, tenant: string, indicator: IndicatorRequest, compiled: ReturnType<typeof compileSpanset>, fromMs: number, toMs: number): Promise<IndicatorValue> {
  const traces = await queryRows<{ trace_id: string }>(
    db,
    sql`${withClause(compiled)}
SELECT encode(m.trace_id, 'hex') AS trace_id FROM ${compiled.root} m GROUP BY m.trace_id LIMIT ${FINDING_COUNT_SAMPLE}`,
  );
  // Whole traces: their other spans may start a little before the window.
  const findings = await findingsByTrace(
    db,
    tenant,
    traces.map((t) => t.trace_id),
    msToNs(fromMs - 60_000),
    msToNs(toMs + 60_000),
  );
  const value = [...findings.values()].filter((list) => list.some((f) => f.type === indicator.finding)).length;
  return { name: indicator.name, metric: indicator.metric, value, spans: traces.length, fromIso: new Date(fromMs).toISOString(), toIso: new Date(toMs).toISOString() };
}
