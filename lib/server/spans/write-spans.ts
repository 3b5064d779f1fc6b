import 'server-only';
// Writes spans in one multi-row statement and keeps trace_summaries current in the same statement:
// the INSERT ... ON CONFLICT DO NOTHING returns only the rows actually stored, and exactly those are
// aggregated into the summary upsert, so re-delivered spans neither duplicate rows nor inflate counts, and no
// span needs a read-modify-write. Input is sorted by (trace, span) so concurrent writers take row locks in
// the same order and cannot deadlock each other (see WRITE_SQL).
import type { SpanRecord } from '@/lib/domain/model/span';
import { ensureDayPartitions } from '../db/partitions';
import type { Queryable } from '../db/queryable';
import { RESOURCE_HASH_SQL } from './resource-key-sql';
import { batchJson, prepareSpanRows, type PreparedSpans } from './prepared-span-rows';

export interface WriteSpansResult {
  /** Rows newly stored (re-delivered spans are not counted). */
  inserted: number;
  /**
   * Input spans not stored because a span with the same identity (tenant, trace, span id, start) is stored
   * with other content (name, service, kind, end, status, parent or attributes): the first one stays. An
   * identical re-delivery is not a conflict.
   */
  conflicting: Set<SpanRecord>;
}

// The batch travels as one JSON parameter instead of 25 text[] arrays: node-postgres escapes every element of
// an array parameter in JavaScript (two regex passes per JSON-heavy string), which measured ~1.7 s per 20k
// spans — more than the INSERT itself — while native JSON.stringify and Postgres's json_to_recordset cost a
// fraction of that. The parameter is typed jsonb, not json: Postgres then parses the text once and hands the
// jsonb columns out as binary sub-values, where json_to_recordset re-parses each of them (measured 1.40 s vs
// 0.94 s backend CPU per 20k spans; COPY of the same rows: 0.55 s). It is an array of per-request chunks
// (prepared-span-rows.ts), each with its own resource list (resource attribute sets repeat across a request's
// spans, so each distinct one is sent once and rows reference it by index): chunks are serialized where their
// request is decoded and only concatenated here. Rows are inserted sorted by (trace, span) — the ORDER BY —
// so concurrent writers take row locks in the same order and cannot deadlock each other.
const WRITE_SQL = `
WITH chunks AS (
  SELECT ordinality::int AS q, value AS chunk FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY
),
resources AS (
  SELECT c.q, (r.ordinality - 1)::int AS i, r.value->'a' AS attributes, r.value->>'hi' AS host_id,
         r.value->>'hn' AS host_name, r.value->>'ip' AS host_ip, r.value->>'si' AS service_instance_id
  FROM chunks c, jsonb_array_elements(c.chunk->'r') WITH ORDINALITY r
),
input AS (
  SELECT c.q, t.tenant, t.trace_id, t.span_id, t.parent_span_id, t.trace_state, t.flags, t.name, t.kind, t.service_name,
         t.start_ns, t.end_ns, t.status_code, t.status_message, t.attributes, r.attributes AS resource_attributes,
         t.scope, t.events, t.links, t.dropped_attributes_count, t.dropped_events_count, t.dropped_links_count,
         r.host_id, r.host_name, r.host_ip, r.service_instance_id
  FROM chunks c
  CROSS JOIN LATERAL jsonb_to_recordset(c.chunk->'s') AS t(tenant text, trace_id text, span_id text, parent_span_id text, trace_state text,
         flags int, name text, kind int2, service_name text, start_ns int8, end_ns int8, status_code int2,
         status_message text, attributes jsonb, resource int, scope jsonb, events jsonb, links jsonb,
         dropped_attributes_count int, dropped_events_count int, dropped_links_count int)
  JOIN resources r ON r.q = c.q AND r.i = t.resource
),
inserted AS (
  INSERT INTO spans (tenant, trace_id, span_id, parent_span_id, trace_state, flags, name, kind, service_name,
    start_time_unix_nano, end_time_unix_nano, duration_ns, status_code, status_message, attributes,
    resource_attributes, scope, events, links, dropped_attributes_count, dropped_events_count,
    dropped_links_count, host_id, host_name, host_ip, service_instance_id, resource_key)
  SELECT tenant, decode(trace_id, 'hex'), decode(span_id, 'hex'), decode(parent_span_id, 'hex'), trace_state,
    flags, name, kind, service_name, start_ns, end_ns, end_ns - start_ns, status_code, status_message,
    attributes, resource_attributes, scope, events, links,
    dropped_attributes_count, dropped_events_count, dropped_links_count, host_id, host_name, host_ip,
    service_instance_id, ${RESOURCE_HASH_SQL}
  FROM input
  ORDER BY trace_id, span_id
  ON CONFLICT DO NOTHING
  RETURNING tenant, trace_id, span_id, parent_span_id, name, service_name, start_time_unix_nano, end_time_unix_nano,
    status_code
),
-- Input rows not inserted whose stored twin differs. The statement's snapshot predates the INSERT, so the
-- spans read here are the ones stored before; the anti-join first keeps this to the not-inserted rows (none
-- in the common case).
conflicts AS (
  SELECT i.q, i.tenant, i.trace_id, i.span_id, i.start_ns FROM input i
  WHERE NOT EXISTS (SELECT 1 FROM inserted n WHERE n.trace_id = decode(i.trace_id, 'hex') AND n.span_id = decode(i.span_id, 'hex')
      AND n.tenant = i.tenant AND n.start_time_unix_nano = i.start_ns)
    AND EXISTS (SELECT 1 FROM spans s WHERE s.trace_id = decode(i.trace_id, 'hex') AND s.tenant = i.tenant
      AND s.span_id = decode(i.span_id, 'hex') AND s.start_time_unix_nano = i.start_ns
      AND (s.end_time_unix_nano <> i.end_ns OR s.name <> i.name OR s.service_name <> i.service_name OR s.kind <> i.kind
        OR s.status_code <> i.status_code OR s.parent_span_id IS DISTINCT FROM decode(i.parent_span_id, 'hex')
        OR s.attributes <> i.attributes))
),
per_trace AS (
  SELECT tenant, trace_id,
    min(start_time_unix_nano) AS start_ns,
    max(end_time_unix_nano) AS end_ns,
    count(*)::int AS span_count,
    (count(*) FILTER (WHERE status_code = 2))::int AS error_count,
    array_agg(DISTINCT service_name ORDER BY service_name) AS services,
    (array_agg(service_name ORDER BY start_time_unix_nano) FILTER (WHERE parent_span_id IS NULL))[1] AS root_service,
    (array_agg(name ORDER BY start_time_unix_nano) FILTER (WHERE parent_span_id IS NULL))[1] AS root_name,
    min(start_time_unix_nano) FILTER (WHERE parent_span_id IS NULL) AS root_start
  FROM inserted
  GROUP BY tenant, trace_id
),
summaries AS (
  INSERT INTO trace_summaries AS s (tenant, trace_id, root_service_name, root_span_name, root_start_unix_nano,
    start_time_unix_nano, end_time_unix_nano, span_count, error_count, services)
  SELECT tenant, trace_id, root_service, root_name, root_start, start_ns, end_ns, span_count, error_count, services
  FROM per_trace
  ORDER BY trace_id, tenant
  ON CONFLICT (trace_id, tenant) DO UPDATE SET
    start_time_unix_nano = LEAST(s.start_time_unix_nano, EXCLUDED.start_time_unix_nano),
    end_time_unix_nano = GREATEST(s.end_time_unix_nano, EXCLUDED.end_time_unix_nano),
    span_count = s.span_count + EXCLUDED.span_count,
    error_count = s.error_count + EXCLUDED.error_count,
    services = ARRAY(SELECT DISTINCT x FROM unnest(s.services || EXCLUDED.services) AS x ORDER BY x),
    root_service_name = CASE WHEN EXCLUDED.root_start_unix_nano < s.root_start_unix_nano OR s.root_start_unix_nano IS NULL
      THEN COALESCE(EXCLUDED.root_service_name, s.root_service_name) ELSE s.root_service_name END,
    root_span_name = CASE WHEN EXCLUDED.root_start_unix_nano < s.root_start_unix_nano OR s.root_start_unix_nano IS NULL
      THEN COALESCE(EXCLUDED.root_span_name, s.root_span_name) ELSE s.root_span_name END,
    root_start_unix_nano = LEAST(s.root_start_unix_nano, EXCLUDED.root_start_unix_nano),
    updated_at = now()
  RETURNING 1
)
SELECT (SELECT count(*) FROM inserted)::int AS inserted, (SELECT count(*) FROM summaries)::int AS summaries,
  (SELECT json_agg(json_build_array(q, tenant, trace_id, span_id, start_ns::text)) FROM conflicts) AS conflicts`;

/** A conflicting input row: its chunk's position in the batch (1-based), tenant, trace id, span id, start (ns). */
type ConflictKey = [number, string, string, string, string];

export interface WritePreparedResult {
  inserted: number;
  /** Per chunk (same order as the input), how many of its spans were conflicting duplicates. */
  conflicts: number[];
}

/** Writes prepared chunks (prepared-span-rows.ts) in one statement. */
export async function writePreparedSpans(db: Queryable, chunks: readonly PreparedSpans[]): Promise<WritePreparedResult & { keys: ConflictKey[] }> {
  const conflicts = chunks.map(() => 0);
  if (chunks.length === 0) return { inserted: 0, conflicts, keys: [] };
  await ensureDayPartitions(
    db,
    'spans',
    chunks.flatMap((c) => c.days),
  );
  const { rows: result } = await db.query<{ inserted: number; conflicts: ConflictKey[] | null }>(WRITE_SQL, [batchJson(chunks)]);
  const keys = result[0]?.conflicts ?? [];
  for (const [q] of keys) conflicts[q - 1] = (conflicts[q - 1] ?? 0) + 1;
  return { inserted: result[0]?.inserted ?? 0, conflicts, keys };
}

export async function writeSpans(db: Queryable, spans: readonly SpanRecord[]): Promise<WriteSpansResult> {
  if (spans.length === 0) return { inserted: 0, conflicting: new Set() };
  const { inserted, keys } = await writePreparedSpans(db, [prepareSpanRows(spans)]);
  return { inserted, conflicting: conflictingSpans(spans, keys) };
}

function conflictingSpans(spans: readonly SpanRecord[], keys: ConflictKey[]): Set<SpanRecord> {
  const out = new Set<SpanRecord>();
  if (keys.length === 0) return out;
  const wanted = new Set(keys.map(([, tenant, trace, span, start]) => `${tenant}:${trace}:${span}:${start}`));
  for (const s of spans) if (wanted.has(`${s.tenant}:${s.traceId}:${s.spanId}:${s.startTimeUnixNano}`)) out.add(s);
  return out;
}
