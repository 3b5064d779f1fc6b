import 'server-only';
// Tempo's tag endpoints for Grafana's TraceQL editor (autocomplete): attribute names per scope and the values
// of one tag, from the spans that start in [start, end) (unix seconds; default the last hour). Names and
// values come from a bounded sample of at most SAMPLE_SPANS spans so the cost does not grow with the window.
import { queryRows, type Queryable } from '../db/queryable';
import { sql, type SqlFragment } from '../db/sql-template';
import { AppError } from '../http/app-error';

const SAMPLE_SPANS = 20_000;
const MAX_VALUES = 1_000;
const HOUR_NS = 3_600_000_000_000n;

/** TraceQL intrinsics Tracehound's compiler understands, as Tempo lists them. */
export const TEMPO_INTRINSICS = ['duration', 'kind', 'name', 'rootName', 'rootServiceName', 'status', 'statusMessage', 'traceDuration'];

const KEYWORDS: Record<string, string[]> = {
  status: ['error', 'ok', 'unset'],
  kind: ['client', 'consumer', 'internal', 'producer', 'server', 'unspecified'],
};

export interface TagWindow {
  fromNs: bigint;
  toNs: bigint;
}

export function tagWindow(params: URLSearchParams, nowNs: bigint = BigInt(Date.now()) * 1_000_000n): TagWindow {
  const read = (name: string): bigint | undefined => {
    const text = params.get(name);
    if (text === null || text === '') return undefined;
    if (!/^\d{1,12}$/.test(text)) throw new AppError('bad_request', `${name} must be unix seconds`, { details: { field: name } });
    return BigInt(text) * 1_000_000_000n;
  };
  const toNs = (read('end') ?? nowNs) + 1_000_000_000n;
  const fromNs = read('start') ?? toNs - HOUR_NS;
  if (fromNs >= toNs) throw new AppError('bad_request', 'start must be before end', { details: { field: 'start' } });
  return { fromNs, toNs };
}

function sample(tenant: string, w: TagWindow, columns: SqlFragment): SqlFragment {
  return sql`(SELECT ${columns} FROM spans WHERE tenant = ${tenant} AND start_time_unix_nano >= ${w.fromNs.toString()}::int8
    AND start_time_unix_nano < ${w.toNs.toString()}::int8 LIMIT ${SAMPLE_SPANS}) AS sampled`;
}

export async function tagNames(db: Queryable, tenant: string, w: TagWindow): Promise<{ span: string[]; resource: string[] }> {
  const rows = await queryRows<{ scope: 'span' | 'resource'; key: string }>(
    db,
    sql`SELECT DISTINCT 'span' AS scope, jsonb_object_keys(attributes) AS key FROM ${sample(tenant, w, sql`attributes`)}
UNION SELECT DISTINCT 'resource', jsonb_object_keys(resource_attributes) FROM ${sample(tenant, w, sql`resource_attributes`)}
ORDER BY 1, 2`,
  );
  return {
    span: rows.filter((r) => r.scope === 'span').map((r) => r.key),
    resource: rows.filter((r) => r.scope === 'resource').map((r) => r.key),
  };
}

export interface TagValue {
  type: string;
  value: string;
}

const TYPE_OF_ANY_VALUE: Record<string, string> = { stringValue: 'string', intValue: 'int', doubleValue: 'float', boolValue: 'bool' };

/** Values of a TraceQL tag: `resource.x`, `span.x`, `.x` (either scope) or an intrinsic (name, status, kind). */
export async function tagValues(db: Queryable, tenant: string, tag: string, w: TagWindow): Promise<TagValue[]> {
  const keywords = KEYWORDS[tag];
  if (keywords) return keywords.map((value) => ({ type: 'keyword', value }));
  if (tag === 'name' || tag === 'rootName' || tag === 'resource.service.name' || tag === 'rootServiceName') {
    const column = tag === 'name' || tag === 'rootName' ? sql`name` : sql`service_name`;
    const rows = await queryRows<{ v: string }>(db, sql`SELECT DISTINCT v FROM ${sample(tenant, w, sql`${column} AS v`)} ORDER BY v LIMIT ${MAX_VALUES}`);
    return rows.map((r) => ({ type: 'string', value: r.v }));
  }
  const m = /^(resource|span)?\.(.+)$/.exec(tag);
  if (!m) throw new AppError('bad_request', `unknown tag "${tag.slice(0, 100)}"; use resource.<name>, span.<name>, .<name> or an intrinsic`, { details: { field: 'tag' } });
  const key = m[2]!;
  const sources: SqlFragment[] = [];
  if (m[1] !== 'resource') sources.push(sql`SELECT attributes -> ${key} AS v FROM ${sample(tenant, w, sql`attributes`)}`);
  if (m[1] !== 'span') sources.push(sql`SELECT resource_attributes -> ${key} AS v FROM ${sample(tenant, w, sql`resource_attributes`)}`);
  const union = sources.length === 2 ? sql`${sources[0]!} UNION ALL ${sources[1]!}` : sources[0]!;
  const rows = await queryRows<{ t: string; v: string }>(
    db,
    sql`SELECT DISTINCT e.key AS t, e.value #>> '{}' AS v FROM (${union}) AS vals, jsonb_each(vals.v) AS e
WHERE vals.v IS NOT NULL AND jsonb_typeof(vals.v) = 'object' AND e.key IN ('stringValue', 'intValue', 'doubleValue', 'boolValue')
ORDER BY 1, 2 LIMIT ${MAX_VALUES}`,
  );
  return rows.map((r) => ({ type: TYPE_OF_ANY_VALUE[r.t] ?? 'string', value: r.v }));
}
