import 'server-only';
// Writes spans in one multi-row statement and keeps trace_summaries current in the same statement:
// the INSERT ... ON CONFLICT DO NOTHING returns only the rows actually stored, and exactly those are
// aggregated into the summary upsert, so re-delivered spans neither duplicate rows nor inflate counts, and no
// span needs a read-modify-write. Input is sorted by (trace, span) so concurrent writers take row locks in
// the same order and cannot deadlock each other.
import type { SpanRecord } from '@/lib/domain/model/span';
import { dayOfUnixNano, ensureDayPartitions } from '../db/partitions';
import type { Queryable } from '../db/queryable';

export interface WriteSpansResult {
  /** Rows newly stored (re-delivered spans are not counted). */
  inserted: number;
}

const WRITE_SQL = `
WITH input AS (
  SELECT * FROM unnest(
    $1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::int2[], $9::text[],
    $10::int8[], $11::int8[], $12::int2[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[],
    $18::text[], $19::int[], $20::int[], $21::int[], $22::text[], $23::text[], $24::text[], $25::text[]
  ) AS t(tenant, trace_id, span_id, parent_span_id, trace_state, flags, name, kind, service_name,
         start_ns, end_ns, status_code, status_message, attributes, resource_attributes, scope, events,
         links, dropped_attributes_count, dropped_events_count, dropped_links_count, host_id, host_name, host_ip,
         service_instance_id)
),
inserted AS (
  INSERT INTO spans (tenant, trace_id, span_id, parent_span_id, trace_state, flags, name, kind, service_name,
    start_time_unix_nano, end_time_unix_nano, duration_ns, status_code, status_message, attributes,
    resource_attributes, scope, events, links, dropped_attributes_count, dropped_events_count,
    dropped_links_count, host_id, host_name, host_ip, service_instance_id)
  SELECT tenant, decode(trace_id, 'hex'), decode(span_id, 'hex'), decode(parent_span_id, 'hex'), trace_state,
    flags, name, kind, service_name, start_ns, end_ns, end_ns - start_ns, status_code, status_message,
    attributes::jsonb, resource_attributes::jsonb, scope::jsonb, events::jsonb, links::jsonb,
    dropped_attributes_count, dropped_events_count, dropped_links_count, host_id, host_name, host_ip,
    service_instance_id
  FROM input
  ON CONFLICT DO NOTHING
  RETURNING tenant, trace_id, parent_span_id, name, service_name, start_time_unix_nano, end_time_unix_nano,
    status_code
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
SELECT (SELECT count(*) FROM inserted)::int AS inserted, (SELECT count(*) FROM summaries)::int AS summaries`;

function compareSpans(a: SpanRecord, b: SpanRecord): number {
  if (a.traceId !== b.traceId) return a.traceId < b.traceId ? -1 : 1;
  if (a.spanId !== b.spanId) return a.spanId < b.spanId ? -1 : 1;
  return 0;
}

/** Serialises bigint-bearing events for jsonb: times become decimal strings (OTLP JSON's int64 form). */
function eventsJson(span: SpanRecord): string {
  return JSON.stringify(
    span.events.map((e) => ({
      timeUnixNano: e.timeUnixNano.toString(),
      name: e.name,
      attributes: e.attributes,
      droppedAttributesCount: e.droppedAttributesCount,
    })),
  );
}

export async function writeSpans(db: Queryable, spans: readonly SpanRecord[]): Promise<WriteSpansResult> {
  if (spans.length === 0) return { inserted: 0 };
  const sorted = [...spans].sort(compareSpans);
  await ensureDayPartitions(db, 'spans', sorted.map((s) => dayOfUnixNano(s.startTimeUnixNano)));
  const n = sorted.length;
  const cols: unknown[][] = Array.from({ length: 25 }, () => new Array(n));
  for (let i = 0; i < n; i++) {
    const s = sorted[i] as SpanRecord;
    const c = cols as unknown[][] & { [k: number]: unknown[] };
    c[0]![i] = s.tenant;
    c[1]![i] = s.traceId;
    c[2]![i] = s.spanId;
    c[3]![i] = s.parentSpanId;
    c[4]![i] = s.traceState;
    c[5]![i] = s.flags;
    c[6]![i] = s.name;
    c[7]![i] = s.kind;
    c[8]![i] = s.serviceName;
    c[9]![i] = s.startTimeUnixNano.toString();
    c[10]![i] = s.endTimeUnixNano.toString();
    c[11]![i] = s.statusCode;
    c[12]![i] = s.statusMessage;
    c[13]![i] = JSON.stringify(s.attributes);
    c[14]![i] = JSON.stringify(s.resourceAttributes);
    c[15]![i] = JSON.stringify(s.scope);
    c[16]![i] = eventsJson(s);
    c[17]![i] = JSON.stringify(s.links);
    c[18]![i] = s.droppedAttributesCount;
    c[19]![i] = s.droppedEventsCount;
    c[20]![i] = s.droppedLinksCount;
    c[21]![i] = s.host.id;
    c[22]![i] = s.host.name;
    c[23]![i] = s.host.ip;
    c[24]![i] = s.host.serviceInstanceId;
  }
  const { rows } = await db.query<{ inserted: number }>(WRITE_SQL, cols);
  return { inserted: rows[0]?.inserted ?? 0 };
}
