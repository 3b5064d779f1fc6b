import 'server-only';
// Set comparison (GET /api/compare/sets), computed by PostgreSQL in one statement so no span leaves the
// database: each set is the traces its TraceQL query matches among spans that start in its window (the
// existing compiler; each compiled query nests in its own CTE, so their q1…qN names cannot collide), and the
// set's spans are those traces' spans in that window. Per operation: count, errors, p50/p95/p99 per set. Per
// attribute value (span and resource; scalar values only): how many traces of each set carry it, ranked by
// the difference of the two shares (BubbleUp's "how strongly it separates the selection"), over a sample of
// each set's traces when it is large.
import type { AttributeSeparation, OperationComparison, OperationStats, SetComparison } from '@/lib/domain/compare/set-comparison';
import type { SpansetExpr } from '@/lib/domain/traceql/ast';
import { queryRows, type Queryable } from '../db/queryable';
import { sql, type SqlFragment } from '../db/sql-template';
import { compileSpanset, withClause } from '../search/compile-traceql';

export interface SetDefinition {
  query: string;
  expr: SpansetExpr;
  fromNs: bigint;
  toNs: bigint;
}

/**
 * Attribute values are counted over a sample of at most this many traces per set (chosen by trace id, so
 * deterministic): shares are what the ranking needs, and a few thousand traces estimate them well, while
 * expanding every attribute of a million spans costs seconds.
 */
const ATTRIBUTE_SAMPLE_TRACES = 2_000;
/** Attribute values returned, best separating first. */
const MAX_ATTRIBUTES = 25;
/** Longer values (stack traces, bodies) are not grouped: they would not repeat and cost the most to hash. */
const MAX_VALUE_CHARS = 200;
/** Memory for the statement's hashes (1M spans' durations gathered per operation would otherwise spill to disk). */
const SET_WORK_MEM = '128MB';

interface Row {
  selection_traces: number;
  baseline_traces: number;
  selection_spans: number;
  baseline_spans: number;
  selection_sampled: number;
  baseline_sampled: number;
  operations: Array<{ side: 's' | 'b'; service: string; name: string; count: number; errors: number; p: number[] }> | null;
  attributes: Array<{ scope: 'span' | 'resource'; key: string; value: string; sel: number; base: number }> | null;
}

export async function compareSets(db: Queryable, tenant: string, selection: SetDefinition, baseline: SetDefinition): Promise<SetComparison> {
  // Each set's spans are read twice, never stored: once grouped by trace (the trace counts and the attribute
  // sample), once by operation. Storing them (a MATERIALIZED CTE) cost more than a second scan, and a
  // grouping over a UNION of both sets is estimated badly enough that PostgreSQL sorts every span.
  const members = (columns: SqlFragment, group: SqlFragment) => sql`
    SELECT 's'::text AS side, ${columns} FROM spans s WHERE ${spansOf(tenant, selection, sql`sel_traces`)} GROUP BY ${group}
    UNION ALL
    SELECT 'b'::text AS side, ${columns} FROM spans s WHERE ${spansOf(tenant, baseline, sql`base_traces`)} GROUP BY ${group}`;
  // Durations gathered per operation by hashing, then sorted per operation for percentile_disc (the same
  // multiset it would see): a third of the CPU of sorting every span by operation first.
  const operations = members(
    sql`s.service_name AS service, s.name, count(*)::int AS count, count(*) FILTER (WHERE s.status_code = 2)::int AS errors,
        array_agg(s.end_time_unix_nano - s.start_time_unix_nano) AS ds`,
    sql`s.service_name, s.name`,
  );
  const query = sql`WITH
  sel_traces AS MATERIALIZED (${traceSet(tenant, selection)}),
  base_traces AS MATERIALIZED (${traceSet(tenant, baseline)}),
  traces AS MATERIALIZED (${members(sql`s.trace_id`, sql`s.trace_id`)}),
  ops AS MATERIALIZED (
    SELECT side, service, name, count, errors,
           (SELECT percentile_disc(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY x) FROM unnest(ds) x) AS p
      FROM (${operations}) g),
  totals AS (
    SELECT (SELECT count(*) FROM traces WHERE side = 's')::int AS selection_traces,
           (SELECT count(*) FROM traces WHERE side = 'b')::int AS baseline_traces,
           (SELECT coalesce(sum(count), 0) FROM ops WHERE side = 's')::int AS selection_spans,
           (SELECT coalesce(sum(count), 0) FROM ops WHERE side = 'b')::int AS baseline_spans),
  -- A trace is in the attribute sample when a hash of its id falls under its set's cut (a hash, not the id's
  -- own bytes: ids are not always random, e.g. sequential ones from a generator).
  cuts AS (
    SELECT ceil(65536 * least(1, ${ATTRIBUTE_SAMPLE_TRACES}::float8 / greatest(selection_traces, 1)))::int AS cut_s,
           ceil(65536 * least(1, ${ATTRIBUTE_SAMPLE_TRACES}::float8 / greatest(baseline_traces, 1)))::int AS cut_b
      FROM totals),
  sample_traces AS MATERIALIZED (
    SELECT t.side, t.trace_id FROM traces t, cuts c
     WHERE (hashtext(encode(t.trace_id, 'hex')) & 65535) < CASE WHEN t.side = 's' THEN c.cut_s ELSE c.cut_b END),
  -- the sampled traces' member spans again, now with their attributes: by primary key (trace id first), one
  -- lookup per sampled trace (OFFSET 0 keeps the planner from turning it into a hash join over every span)
  sample AS MATERIALIZED (
    SELECT st.side, s.trace_id, s.attributes, s.resource_attributes
      FROM sample_traces st CROSS JOIN LATERAL (
        SELECT s.trace_id, s.attributes, s.resource_attributes FROM spans s
         WHERE s.trace_id = st.trace_id AND s.tenant = ${tenant}
           AND s.start_time_unix_nano >= CASE WHEN st.side = 's' THEN ${selection.fromNs.toString()}::int8 ELSE ${baseline.fromNs.toString()}::int8 END
           AND s.start_time_unix_nano < CASE WHEN st.side = 's' THEN ${selection.toNs.toString()}::int8 ELSE ${baseline.toNs.toString()}::int8 END
        OFFSET 0) s),
  sampled AS (
    SELECT count(*) FILTER (WHERE side = 's')::int AS selection_sampled,
           count(*) FILTER (WHERE side = 'b')::int AS baseline_sampled
      FROM sample_traces),
  pairs AS (
    SELECT DISTINCT m.side, m.trace_id, 'span'::text AS scope, a.key,
           COALESCE(a.value->>'stringValue', a.value->>'intValue', a.value->>'boolValue', a.value->>'doubleValue') AS value
      FROM sample m CROSS JOIN LATERAL jsonb_each(m.attributes) a
    UNION ALL
    -- resource attributes repeat on every span of a service: expand each distinct set once per trace (the
    -- scopes differ, so the branches cannot share a row and UNION ALL skips a sort of every pair)
    SELECT DISTINCT r.side, r.trace_id, 'resource', kv.key,
           COALESCE(kv.value->>'stringValue', kv.value->>'intValue', kv.value->>'boolValue', kv.value->>'doubleValue')
      FROM (SELECT DISTINCT side, trace_id, resource_attributes FROM sample) r CROSS JOIN LATERAL jsonb_each(r.resource_attributes) kv),
  counted AS (
    SELECT scope, key, value, count(*) FILTER (WHERE side = 's')::int AS sel, count(*) FILTER (WHERE side = 'b')::int AS base
      FROM pairs WHERE value IS NOT NULL AND length(value) <= ${MAX_VALUE_CHARS} GROUP BY scope, key, value),
  ranked AS (
    SELECT c.* FROM counted c, sampled t
     WHERE c.sel > 0
     ORDER BY c.sel::float8 / greatest(t.selection_sampled, 1) - c.base::float8 / greatest(t.baseline_sampled, 1) DESC, c.sel DESC, c.key, c.value
     LIMIT ${MAX_ATTRIBUTES})
SELECT t.*, sm.*, (SELECT json_agg(o) FROM ops o) AS operations, (SELECT json_agg(r) FROM ranked r) AS attributes
  FROM totals t, sampled sm`;
  // Transaction-local (the API runs this inside withStatementTimeout's transaction, the bench likewise): the
  // plan's cost estimates cross the JIT thresholds and compiling it took longer than running it (8.5 s of
  // 43 s under load in EXPLAIN ANALYZE); the per-operation duration arrays and the trace hashes fit in memory.
  await db.query(`SELECT set_config('jit', 'off', true), set_config('work_mem', '${SET_WORK_MEM}', true)`);
  const [row] = await queryRows<Row & Record<string, unknown>>(db, query);
  return shape(row!, selection, baseline);
}

/** Trace ids the set's query matches in its window. */
function traceSet(tenant: string, set: SetDefinition): SqlFragment {
  if (matchesEverySpan(set.expr)) return sql`SELECT NULL::bytea AS trace_id WHERE FALSE`;
  const compiled = compileSpanset(set.expr, { tenant, fromNs: set.fromNs, toNs: set.toNs });
  return sql`${withClause(compiled)} SELECT DISTINCT trace_id FROM ${compiled.root}`;
}

function spansOf(tenant: string, set: SetDefinition, traces: SqlFragment): SqlFragment {
  const inSet = matchesEverySpan(set.expr) ? sql`` : sql`AND s.trace_id IN (SELECT trace_id FROM ${traces})`;
  return sql`s.tenant = ${tenant} AND s.start_time_unix_nano >= ${set.fromNs.toString()}::int8
       AND s.start_time_unix_nano < ${set.toNs.toString()}::int8 ${inSet}`;
}

/** `{ }`: every span of the window, with no trace-id filter to compute. */
function matchesEverySpan(expr: SpansetExpr): boolean {
  return expr.type === 'selector' && expr.condition === null;
}

function shape(row: Row, selection: SetDefinition, baseline: SetDefinition): SetComparison {
  const operations = new Map<string, OperationComparison>();
  for (const o of row.operations ?? []) {
    const key = `${o.service}\u0000${o.name}`;
    let entry = operations.get(key);
    if (!entry) operations.set(key, (entry = { service: o.service, name: o.name, selection: null, baseline: null }));
    const stats: OperationStats = { count: o.count, errors: o.errors, errorRate: o.count > 0 ? o.errors / o.count : 0, p50Ns: Number(o.p[0]), p95Ns: Number(o.p[1]), p99Ns: Number(o.p[2]) };
    if (o.side === 's') entry.selection = stats;
    else entry.baseline = stats;
  }
  const sample = { selectionTraces: row.selection_sampled, baselineTraces: row.baseline_sampled };
  const attributes = (row.attributes ?? []).map((a): AttributeSeparation => {
    const selectionShare = sample.selectionTraces > 0 ? a.sel / sample.selectionTraces : 0;
    const baselineShare = sample.baselineTraces > 0 ? a.base / sample.baselineTraces : 0;
    return { scope: a.scope, key: a.key, value: a.value, selectionTraces: a.sel, baselineTraces: a.base, selectionShare, baselineShare, score: selectionShare - baselineShare };
  });
  const side = (set: SetDefinition, traces: number, spans: number) => ({ query: set.query, fromUnixNano: set.fromNs.toString(), toUnixNano: set.toNs.toString(), traces, spans });
  return {
    selection: side(selection, row.selection_traces, row.selection_spans),
    baseline: side(baseline, row.baseline_traces, row.baseline_spans),
    attributeSample: sample,
    operations: [...operations.values()].sort(
      (x, y) => (y.selection?.count ?? 0) - (x.selection?.count ?? 0) || (y.baseline?.count ?? 0) - (x.baseline?.count ?? 0) || x.service.localeCompare(y.service) || x.name.localeCompare(y.name),
    ),
    attributes,
  };
}
