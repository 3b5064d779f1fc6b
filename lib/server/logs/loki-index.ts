import 'server-only';
// Loki's index endpoints for Grafana (query-size estimates, Logs Drilldown's volume panels and field lists):
//   /index/stats        streams, chunks (= streams: there are no chunks here), entries and bytes of a selector
//   /index/volume       bytes per group of target labels over [start, end] (a vector, largest first)
//   /index/volume_range the same per step (a matrix)
//   /detected_labels    stream label names with their number of distinct values
//   /detected_fields    fields of a sample of matching lines (lib/domain/logql/detect-fields.ts)
//   /patterns           line patterns of a sample of matching lines, counted per step
// Volumes are sum by (labels) (bytes_over_time(selector [window])), evaluated by the metric engine.
import type pg from 'pg';
import { detectFields, type DetectedField } from '@/lib/domain/logql/detect-fields';
import { groupPatterns, type PatternSeries } from '@/lib/domain/logql/line-patterns';
import type { LogQuery, MetricExpr } from '@/lib/domain/logql/logql-ast';
import { sql } from '../db/sql-template';
import { compileLogSource, type LogScope } from './compile-logql';
import { streamsWhere } from './log-labels';
import { queryLogMetric, type MetricSeries } from './query-log-metric';
import { queryLogs } from './query-logs';
import { runLogQuery } from './run-log-query';

export interface IndexStats {
  streams: number;
  chunks: number;
  entries: number;
  bytes: number;
}

export async function indexStats(pool: pg.Pool, query: LogQuery, scope: LogScope): Promise<IndexStats> {
  const [row] = await runLogQuery<{ streams: number; entries: number; bytes: string }>(
    pool,
    sql`SELECT count(DISTINCT l.stream_id)::int AS streams, count(*)::int AS entries, COALESCE(sum(octet_length(l.line)), 0)::text AS bytes
        ${compileLogSource({ matchers: query.matchers, pipeline: [] }, scope)}`,
  );
  return { streams: row?.streams ?? 0, chunks: row?.streams ?? 0, entries: row?.entries ?? 0, bytes: Number(row?.bytes ?? 0) };
}

function volumeExpr(query: LogQuery, labels: string[], rangeSeconds: number): MetricExpr {
  return {
    kind: 'aggregate',
    op: 'sum',
    param: null,
    grouping: { without: false, labels },
    inner: { kind: 'range', fn: 'bytes_over_time', query: { matchers: query.matchers, pipeline: [] }, rangeSeconds, unwrap: null, param: null, grouping: null },
  };
}

/** Loki groups by the target labels, or else by the label names the selector mentions. */
export function volumeLabels(query: LogQuery, targetLabels: string | null): string[] {
  const named = targetLabels
    ? targetLabels
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : query.matchers.map((m) => m.name);
  return [...new Set(named)];
}

export async function indexVolume(pool: pg.Pool, query: LogQuery, scope: LogScope & { limit: number; labels: string[] }): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const rangeSeconds = Number(scope.endNs - scope.startNs) / 1e9;
  const result = await queryLogMetric(pool, volumeExpr(query, scope.labels, rangeSeconds), { tenant: scope.tenant, startNs: scope.endNs, endNs: scope.endNs, stepNs: 1_000_000_000n });
  const series = result.kind === 'vector' ? result.series : [];
  return series
    .flatMap((s) => (s.values[0] ? [{ metric: s.metric, value: s.values[0] }] : []))
    .sort((a, b) => Number(b.value[1]) - Number(a.value[1]))
    .slice(0, scope.limit);
}

export async function indexVolumeRange(pool: pg.Pool, query: LogQuery, scope: LogScope & { stepNs: bigint; limit: number; labels: string[] }): Promise<MetricSeries[]> {
  const result = await queryLogMetric(pool, volumeExpr(query, scope.labels, Number(scope.stepNs) / 1e9), { tenant: scope.tenant, startNs: scope.startNs, endNs: scope.endNs, stepNs: scope.stepNs });
  return (result.kind === 'vector' ? result.series : []).slice(0, scope.limit);
}

export async function detectedLabels(pool: pg.Pool, query: LogQuery, scope: LogScope): Promise<{ label: string; cardinality: number }[]> {
  return runLogQuery<{ label: string; cardinality: number }>(
    pool,
    sql`SELECT e.key AS label, count(DISTINCT e.value)::int AS cardinality FROM log_streams ls, jsonb_each_text(ls.labels) AS e
        WHERE ${streamsWhere(scope, query.matchers)} GROUP BY e.key ORDER BY e.key LIMIT 1000`,
  );
}

export async function detectedFields(pool: pg.Pool, query: LogQuery, scope: LogScope, limits: { lines: number; fields: number }): Promise<DetectedField[]> {
  const lines = await queryLogs(pool, query, scope, { limit: limits.lines, direction: 'backward' });
  return detectFields(lines, limits.fields);
}

/** Patterns of the newest `lines` matching lines (Loki's /patterns, approximated: lib/domain/logql/line-patterns.ts). */
export async function linePatterns(pool: pg.Pool, query: LogQuery, scope: LogScope & { stepNs: bigint; lines: number; limit: number }): Promise<PatternSeries[]> {
  const lines = await queryLogs(pool, query, scope, { limit: scope.lines, direction: 'backward' });
  return groupPatterns(
    lines.map((l) => ({ timeUnixNano: BigInt(l.timeUnixNano), line: l.line })),
    scope.startNs,
    scope.stepNs,
    scope.limit,
  );
}
