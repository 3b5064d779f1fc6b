import 'server-only';
// Compiles a parsed TraceQL query into parameterised SQL. Every node of the spanset tree becomes one CTE
// `qN(trace_id, span_id, parent_span_id)` holding the spans it matches; the root CTE's spans are the
// query's matched spans. Only the `sql` template is used: values, attribute keys and regexes are parameters;
// the only SQL text that varies comes from closed tables in this file (columns, operators, CTE names qN).
//
// Scope: spans whose start lies in [fromNs, toNs) of one tenant, optionally restricted to a list of traces
// (used to fetch matched span ids for one page of results). Structural operators walk parent links of
// those spans only (a recursive CTE seeded from the child selector's spans and bounded in depth), so the
// walk never leaves the traces the selectors matched.
import type { Comparison, Field, FieldExpr, SpansetExpr, Value } from '@/lib/domain/traceql/ast';
import type { Operator } from '@/lib/domain/traceql/tokens';
import { joinSql, sql, sqlLiteral, type SqlFragment } from '../db/sql-template';

export interface CompileScope {
  tenant: string;
  fromNs: bigint;
  toNs: bigint;
  /** Restrict to these traces (bytea ids). */
  traceIds?: readonly Buffer[];
}

export interface CompiledSpanset {
  /** `qN AS (...)` fragments in dependency order, for a `WITH RECURSIVE` list. */
  ctes: SqlFragment[];
  /** The CTE name holding the matched spans. */
  root: SqlFragment;
  /** Query offsets of regex comparisons, to position an error Postgres raises for an invalid regex. */
  regexPositions: number[];
}

/** Longest parent chain a `>>` walks; deeper trees are cut off here rather than looping on a cycle. */
const MAX_ANCESTOR_DEPTH = 256;

const COMPARE: Record<Exclude<Operator, '=~' | '!~'>, SqlFragment> = {
  '=': sqlLiteral('='),
  '!=': sqlLiteral('<>'),
  '>': sqlLiteral('>'),
  '>=': sqlLiteral('>='),
  '<': sqlLiteral('<'),
  '<=': sqlLiteral('<='),
};

export function compileSpanset(expr: SpansetExpr, scope: CompileScope): CompiledSpanset {
  const ctes: SqlFragment[] = [];
  const regexPositions: number[] = [];
  let counter = 0;
  const name = () => sqlLiteral(`q${++counter}`);

  // `within`: a CTE whose traces bound this node's traces. `>>` keeps only traces present on both sides, so
  // its parent side may look only at the child side's traces; that turns a broad ancestor selector
  // (`{ resource.service.name = "gateway" }`) into primary-key probes of a few traces before the walk.
  // `>` and `&&` are left unrestricted: as plain semi-joins the planner can walk trace_summaries newest
  // first and stop at the page limit, which measured faster (docs/performance.md, "Search").
  const visit = (node: SpansetExpr, within: SqlFragment | null): SqlFragment => {
    const self = name();
    switch (node.type) {
      case 'selector': {
        const condition = node.condition ? compileField(node.condition, regexPositions) : sql`TRUE`;
        const idFilter = scope.traceIds ? sql`AND s.trace_id = ANY(${[...scope.traceIds]}::bytea[])` : sql``;
        const traceFilter = within ? sql`${idFilter} AND s.trace_id IN (SELECT trace_id FROM ${within})` : idFilter;
        ctes.push(sql`${self} AS (
  SELECT s.trace_id, s.span_id, s.parent_span_id FROM spans s
  WHERE s.tenant = ${scope.tenant} AND s.start_time_unix_nano >= ${scope.fromNs.toString()}::int8
    AND s.start_time_unix_nano < ${scope.toNs.toString()}::int8 ${traceFilter} AND (${condition}))`);
        return self;
      }
      case 'spanset-or': {
        const [l, r] = [visit(node.left, within), visit(node.right, within)];
        ctes.push(sql`${self} AS (SELECT * FROM ${l} UNION SELECT * FROM ${r})`);
        return self;
      }
      case 'spanset-and': {
        const [l, r] = [visit(node.left, within), visit(node.right, within)];
        ctes.push(sql`${self} AS (
  SELECT * FROM ${l} WHERE trace_id IN (SELECT trace_id FROM ${r})
  UNION SELECT * FROM ${r} WHERE trace_id IN (SELECT trace_id FROM ${l}))`);
        return self;
      }
      case 'child': {
        const [p, c] = [visit(node.parent, within), visit(node.child, within)];
        ctes.push(sql`${self} AS (
  SELECT c.* FROM ${c} c WHERE (c.trace_id, c.parent_span_id) IN (SELECT trace_id, span_id FROM ${p}))`);
        return self;
      }
      case 'descendant': {
        const c = visit(node.child, within);
        const p = visit(node.parent, c);
        const walk = name();
        // walk(trace_id, span_id, ancestor, depth): every ancestor of each child-selector span, one level
        // per iteration, seeded only from traces that also have parent-selector spans.
        ctes.push(sql`${walk}(trace_id, span_id, ancestor, depth) AS (
  SELECT c.trace_id, c.span_id, c.parent_span_id, 1 FROM ${c} c
  WHERE c.parent_span_id IS NOT NULL AND c.trace_id IN (SELECT trace_id FROM ${p})
  UNION ALL
  SELECT w.trace_id, w.span_id, a.parent_span_id, w.depth + 1 FROM ${walk} w
  JOIN spans a ON a.tenant = ${scope.tenant} AND a.trace_id = w.trace_id AND a.span_id = w.ancestor
  WHERE a.parent_span_id IS NOT NULL AND w.depth < ${MAX_ANCESTOR_DEPTH})`);
        ctes.push(sql`${self} AS (
  SELECT DISTINCT c.* FROM ${c} c JOIN ${walk} w ON w.trace_id = c.trace_id AND w.span_id = c.span_id
  WHERE (w.trace_id, w.ancestor) IN (SELECT trace_id, span_id FROM ${p}))`);
        return self;
      }
    }
  };

  const root = visit(expr, null);
  return { ctes, root, regexPositions };
}

/** `WITH RECURSIVE q1 AS (...), q2 AS (...)` for a compiled spanset, ready to prefix a SELECT. */
export function withClause(compiled: CompiledSpanset): SqlFragment {
  return sql`WITH RECURSIVE ${joinSql(compiled.ctes, ', ')}`;
}

function compileField(expr: FieldExpr, regexPositions: number[]): SqlFragment {
  if (expr.type !== 'comparison') {
    const joiner = expr.type === 'and' ? sql`AND` : sql`OR`;
    return sql`(${compileField(expr.left, regexPositions)} ${joiner} ${compileField(expr.right, regexPositions)})`;
  }
  if (expr.op === '=~' || expr.op === '!~') regexPositions.push(expr.pos);
  return compileComparison(expr);
}

function compileComparison(c: Comparison): SqlFragment {
  const { field } = c;
  switch (field.kind) {
    case 'service':
      return compareText(sql`s.service_name`, c.op, c.value);
    case 'attribute':
      if (field.scope === 'any') {
        return sql`(${compareAttribute(sql`s.attributes`, field.key, c)} OR ${compareAttribute(sql`s.resource_attributes`, field.key, c)})`;
      }
      return compareAttribute(field.scope === 'span' ? sql`s.attributes` : sql`s.resource_attributes`, field.key, c);
    case 'intrinsic':
      return compareIntrinsic(field, c);
  }
}

function compareIntrinsic(field: Extract<Field, { kind: 'intrinsic' }>, c: Comparison): SqlFragment {
  const v = c.value;
  switch (field.name) {
    case 'name':
      return compareText(sql`s.name`, c.op, v);
    // Status and kind are small enums from the parser's closed tables, written as literals so the planner
    // can match the partial index spans_errors_time_idx (WHERE status_code = 2); a parameter cannot.
    case 'status':
      return sql`s.status_code ${comparator(c.op)} ${enumLiteral(v.type === 'status' ? v.code : -1)}`;
    case 'kind':
      return sql`s.kind ${comparator(c.op)} ${enumLiteral(v.type === 'kind' ? v.code : -1)}`;
    case 'duration':
      return sql`s.duration_ns ${comparator(c.op)} ${durationParam(v)}::int8`;
    case 'traceDuration':
      return traceLevel(sql`t.duration_ns ${comparator(c.op)} ${durationParam(v)}::int8`);
    case 'rootServiceName':
      return traceLevel(compareText(sql`t.root_service_name`, c.op, v));
    case 'rootName':
      return traceLevel(compareText(sql`t.root_span_name`, c.op, v));
    case 'trace:cause':
      return traceLevel(compareText(sql`t.likely_cause_type`, c.op, v));
    case 'trace:causeService':
      return traceLevel(compareText(sql`t.likely_cause_service`, c.op, v));
    case 'trace:finding': {
      // "has a finding of this type"; the negative operators mean "diagnosed, and has none of that type".
      const positive = c.op === '!=' ? '=' : c.op === '!~' ? '=~' : c.op;
      const any = sql`EXISTS (SELECT 1 FROM unnest(t.finding_types) AS f(type) WHERE ${compareText(sql`f.type`, positive, v)})`;
      return traceLevel(positive === c.op ? any : sql`t.finding_types IS NOT NULL AND NOT ${any}`);
    }
  }
}

/** Trace-level facts come from trace_summaries, one index lookup per candidate span's trace. */
function traceLevel(condition: SqlFragment): SqlFragment {
  return sql`EXISTS (SELECT 1 FROM trace_summaries t WHERE t.tenant = s.tenant AND t.trace_id = s.trace_id AND ${condition})`;
}

function enumLiteral(code: number): SqlFragment {
  if (!Number.isInteger(code) || code < -1 || code > 5) throw new Error(`not an enum code: ${code}`);
  return sqlLiteral(String(code));
}

function durationParam(v: Value): string {
  return v.type === 'duration' ? v.ns.toString() : v.type === 'number' ? v.text : '0';
}

function comparator(op: Operator): SqlFragment {
  if (op === '=~' || op === '!~') throw new Error(`regex operator ${op} reached a non-text comparison`);
  return COMPARE[op];
}

/** Regexes are fully anchored, as in TraceQL: `=~ "GET .*"` must match the whole value. */
function compareText(column: SqlFragment, op: Operator, v: Value): SqlFragment {
  const text = v.type === 'string' ? v.value : v.type === 'number' ? v.text : '';
  if (op === '=~') return sql`${column} ~ ('^(?:' || ${text}::text || ')$')`;
  if (op === '!~') return sql`${column} !~ ('^(?:' || ${text}::text || ')$')`;
  return sql`${column} ${comparator(op)} ${text}::text`;
}

/**
 * Attributes are stored as OTLP JSON AnyValue per key ({"k":{"stringValue":"x"}}, {"k":{"intValue":"500"}}).
 * String equality uses jsonb containment (`@>`), which a GIN index can serve; other comparisons read the
 * typed member. A span without the attribute never matches, for `!=` too (TraceQL's semantics).
 */
function compareAttribute(column: SqlFragment, key: string, c: Comparison): SqlFragment {
  const v = c.value;
  const member = sql`(${column} -> ${key}::text)`;
  switch (v.type) {
    case 'string':
      if (c.op === '=') return sql`${column} @> ${JSON.stringify({ [key]: { stringValue: v.value } })}::jsonb`;
      return compareText(sql`(${member} ->> 'stringValue')`, c.op, v);
    case 'number':
      // Integer equality as containment too (GIN-indexable): intValue is a decimal string, doubleValue a number.
      if (c.op === '=' && /^-?\d{1,15}$/.test(v.text)) {
        const n = Number(v.text);
        return sql`(${column} @> ${JSON.stringify({ [key]: { intValue: String(n) } })}::jsonb OR ${column} @> ${JSON.stringify({ [key]: { doubleValue: n } })}::jsonb)`;
      }
      return sql`${numericMember(member)} ${comparator(c.op)} ${v.text}::numeric`;
    case 'duration':
      return sql`${numericMember(member)} ${comparator(c.op)} ${v.ns.toString()}::numeric`;
    case 'bool':
      if (c.op === '=') return sql`${column} @> ${JSON.stringify({ [key]: { boolValue: v.value } })}::jsonb`;
      return sql`(${member} -> 'boolValue') = ${JSON.stringify(!v.value)}::jsonb`;
    case 'status':
    case 'kind':
      return sql`FALSE`;
  }
}

/**
 * The attribute as a number: intValue (a decimal string in OTLP JSON) or doubleValue. Guarded so a malformed
 * stored value (attributes are untrusted) yields NULL instead of failing the whole query with a cast error.
 */
function numericMember(member: SqlFragment): SqlFragment {
  return sql`COALESCE(
    CASE WHEN (${member} ->> 'intValue') ~ '^-?[0-9]{1,40}$' THEN (${member} ->> 'intValue')::numeric END,
    CASE WHEN jsonb_typeof(${member} -> 'doubleValue') = 'number' THEN (${member} ->> 'doubleValue')::numeric END)`;
}
