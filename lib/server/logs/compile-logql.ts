import 'server-only';
// Compiles a parsed LogQL query (lib/domain/logql) into parameterised SQL fragments. Every value from the query
// — label names, values, regexes, numbers — becomes a $n parameter; the only SQL text chosen here comes from
// closed tables of operators. Field names are validated identifiers and still travel as parameters.
//
// Semantics (as in Loki): a missing label equals ""; stream matcher regexes are anchored (^(?:re)$); line
// filter regexes are not. A label filter looks a field up in stream labels, then structured metadata, then
// the parsers that precede it (| json top-level keys, | logfmt keys), then the built-ins trace_id, span_id
// and level/detected_level (the stored severity). Number/duration comparisons skip lines whose field does not
// parse, like Loki drops them.
import type { CompareOp, LabelFilter, LogQuery, StreamMatcher } from '@/lib/domain/logql/logql-ast';
import type { TemplatePart } from '@/lib/domain/logql/extraction-stages';
import { joinSql, sql, sqlLiteral, type SqlFragment } from '../db/sql-template';
// last_seen may lag the newest line by this much (stream-window-cache.ts).
import { LAST_SEEN_SLACK_NS } from './stream-window-cache';

const NUMERIC_OPS: Record<CompareOp, string> = { '=': '=', '!=': '<>', '>': '>', '>=': '>=', '<': '<', '<=': '<=', '=~': '', '!~': '' };

function anchored(re: string): string {
  return `^(?:${re})$`;
}

/** WHERE conditions on log_streams (alias ls) for a stream selector. */
export function streamConditions(matchers: readonly StreamMatcher[]): SqlFragment[] {
  const equal: Record<string, string> = {};
  const conds: SqlFragment[] = [];
  for (const m of matchers) {
    const value = sql`COALESCE(ls.labels ->> ${m.name}, '')`;
    if (m.op === '=' && m.value !== '') equal[m.name] = m.value;
    else if (m.op === '=') conds.push(sql`${value} = ''`);
    else if (m.op === '!=') conds.push(sql`${value} <> ${m.value}`);
    else if (m.op === '=~') conds.push(sql`${value} ~ ${anchored(m.value)}`);
    else conds.push(sql`${value} !~ ${anchored(m.value)}`);
  }
  // Containment uses the GIN (jsonb_path_ops) index on labels.
  if (Object.keys(equal).length > 0) conds.unshift(sql`ls.labels @> ${JSON.stringify(equal)}::jsonb`);
  return conds;
}

/**
 * A line's level: its severity text, else the level of its OTLP severity number (ranges as Loki's
 * field detection maps them), so an OTLP record sent with only severityNumber still has one. Read-time, so
 * lines stored before this rule get their level too.
 */
export const SEVERITY_LEVEL = sql`COALESCE(l.severity_text, CASE
  WHEN l.severity_number BETWEEN 1 AND 4 THEN 'trace' WHEN l.severity_number BETWEEN 5 AND 8 THEN 'debug'
  WHEN l.severity_number BETWEEN 9 AND 12 THEN 'info' WHEN l.severity_number BETWEEN 13 AND 16 THEN 'warn'
  WHEN l.severity_number BETWEEN 17 AND 20 THEN 'error' WHEN l.severity_number BETWEEN 21 AND 24 THEN 'fatal' END)`;

const BUILTIN_FIELDS: Record<string, SqlFragment> = {
  trace_id: sql`NULLIF(encode(l.trace_id, 'hex'), '')`,
  traceID: sql`NULLIF(encode(l.trace_id, 'hex'), '')`,
  span_id: sql`encode(l.span_id, 'hex')`,
  level: SEVERITY_LEVEL,
  detected_level: SEVERITY_LEVEL,
};

/** Fields set by | regexp, | pattern (extracted) and | label_format (formatted) up to a point of the pipeline. */
interface FieldOverrides {
  formatted: ReadonlyMap<string, SqlFragment>;
  extracted: ReadonlyMap<string, SqlFragment>;
}

const NO_OVERRIDES: FieldOverrides = { formatted: new Map(), extracted: new Map() };

export function fieldExpr(name: string, parsers: ReadonlySet<'json' | 'logfmt'>, overrides: FieldOverrides = NO_OVERRIDES): SqlFragment {
  const formatted = overrides.formatted.get(name);
  if (formatted) return formatted;
  const sources: SqlFragment[] = [sql`s.labels ->> ${name}`, sql`l.metadata ->> ${name}`];
  const extracted = overrides.extracted.get(name);
  if (extracted) sources.push(extracted);
  if (parsers.has('json')) sources.push(sql`(CASE WHEN jsonb_typeof(p.j -> ${name}) = 'string' THEN p.j ->> ${name} ELSE (p.j -> ${name})::text END)`);
  if (parsers.has('logfmt')) sources.push(sql`tracehound_logfmt_value(l.line, ${name})`);
  const builtin = BUILTIN_FIELDS[name];
  if (builtin) sources.push(builtin);
  return sql`COALESCE(${joinSql(sources, ', ')})`;
}

function labelFilterSql(f: LabelFilter, field: SqlFragment): SqlFragment {
  const v = f.value;
  if (v.type === 'string') {
    const text = sql`COALESCE(${field}, '')`;
    if (f.op === '=') return sql`${text} = ${v.value}`;
    if (f.op === '!=') return sql`${text} <> ${v.value}`;
    if (f.op === '=~') return sql`${text} ~ ${anchored(v.value)}`;
    if (f.op === '!~') return sql`${text} !~ ${anchored(v.value)}`;
    throw new Error(`unreachable: ${f.op} on a string`);
  }
  const op = sqlLiteral(NUMERIC_OPS[f.op]);
  if (v.type === 'number') return sql`tracehound_try_float(${field}) ${op} ${v.value}::float8`;
  return sql`tracehound_duration_seconds(${field}) ${op} ${v.seconds}::float8`;
}

/** The parsers a query's pipeline applies (for resolving fields after the whole pipeline, e.g. `sum by`). */
export function parsersOf(query: LogQuery): Set<'json' | 'logfmt'> {
  return new Set(query.pipeline.flatMap((s) => (s.kind === 'parser' ? [s.parser] : [])));
}

export interface CompiledPipeline {
  /** Conditions on logs (alias l), log_streams (alias s) and, when usesJson, the lateral parse (alias p). */
  conditions: SqlFragment[];
  usesJson: boolean;
  /** The line after every line_format (what line filters after it, the output and bytes functions see). */
  line: SqlFragment;
  /** The output labels: stream labels after label_format, drop and keep. */
  labels: SqlFragment;
  /** A field's value after the whole pipeline (grouping, unwrap). */
  field(name: string): SqlFragment;
}

function template(parts: readonly TemplatePart[], field: (name: string) => SqlFragment): SqlFragment {
  if (parts.length === 0) return sql`''::text`;
  return sql`concat(${joinSql(
    parts.map((p) => ('text' in p ? sql`${p.text}::text` : sql`COALESCE(${field(p.field)}, '')`)),
    ', ',
  )})`;
}

export function compilePipeline(query: LogQuery): CompiledPipeline {
  const parsers = new Set<'json' | 'logfmt'>();
  const formatted = new Map<string, SqlFragment>();
  const extracted = new Map<string, SqlFragment>();
  const field = (name: string) => fieldExpr(name, parsers, { formatted, extracted });
  const conditions: SqlFragment[] = [];
  let line: SqlFragment = sql`l.line`;
  let labels: SqlFragment = sql`s.labels`;
  for (const stage of query.pipeline) {
    switch (stage.kind) {
      case 'parser':
        parsers.add(stage.parser);
        break;
      case 'line':
        if (stage.op === '|=') conditions.push(sql`strpos(${line}, ${stage.value}) > 0`);
        else if (stage.op === '!=') conditions.push(sql`strpos(${line}, ${stage.value}) = 0`);
        else if (stage.op === '|~') conditions.push(sql`${line} ~ ${stage.value}`);
        else conditions.push(sql`${line} !~ ${stage.value}`);
        break;
      case 'labels':
        for (const f of stage.filters) conditions.push(labelFilterSql(f, field(f.name)));
        break;
      case 'extract': {
        const source = line;
        stage.names.forEach((name, i) => {
          if (name !== null) extracted.set(name, sql`(regexp_match(${source}, ${stage.regex}))[${i + 1}::int]`);
        });
        break;
      }
      case 'line_format':
        line = template(stage.template, field);
        break;
      case 'label_format':
        for (const a of stage.assignments) {
          const value = 'rename' in a ? field(a.rename) : template(a.template, field);
          formatted.set(a.name, value);
          labels = sql`jsonb_strip_nulls(${labels}${'rename' in a ? sql` - ${a.rename}::text` : sql``} || jsonb_build_object(${a.name}::text, ${value}))`;
        }
        break;
      case 'drop':
        labels = sql`(${labels} - ${stage.names}::text[])`;
        break;
      case 'keep':
        labels = sql`(SELECT COALESCE(jsonb_object_agg(k.key, k.value), '{}'::jsonb) FROM jsonb_each(${labels}) AS k WHERE k.key = ANY(${stage.names}::text[]))`;
        break;
    }
  }
  return { conditions, usesJson: parsers.has('json'), line, labels, field };
}

export interface LogScope {
  tenant: string;
  startNs: bigint;
  /** Exclusive. */
  endNs: bigint;
}

/** FROM ... WHERE ... for lines matching `query` in `scope` (aliases l, s and p). */
export function compileLogSource(query: LogQuery, scope: LogScope): SqlFragment {
  const pipeline = compilePipeline(query);
  const streamWhere = joinSql(
    [
      sql`ls.tenant = ${scope.tenant}`,
      sql`ls.last_seen_unix_nano >= ${(scope.startNs - LAST_SEEN_SLACK_NS).toString()}::int8`,
      sql`ls.first_seen_unix_nano < ${scope.endNs.toString()}::int8`,
      ...streamConditions(query.matchers),
    ],
    ' AND ',
  );
  const where = joinSql(
    [
      sql`l.tenant = ${scope.tenant}`,
      sql`l.time_unix_nano >= ${scope.startNs.toString()}::int8`,
      sql`l.time_unix_nano < ${scope.endNs.toString()}::int8`,
      // Stream ids resolve once (an InitPlan), then lines are read through (tenant, stream_id, time).
      sql`l.stream_id = ANY(ARRAY(SELECT ls.stream_id FROM log_streams ls WHERE ${streamWhere}))`,
      ...pipeline.conditions,
    ],
    ' AND ',
  );
  const lateral = pipeline.usesJson ? sql` CROSS JOIN LATERAL (SELECT tracehound_try_jsonb(l.line) AS j) p` : sql``;
  return sql`FROM logs l JOIN log_streams s ON s.tenant = l.tenant AND s.stream_id = l.stream_id${lateral} WHERE ${where}`;
}
