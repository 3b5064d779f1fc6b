import 'server-only';
// GET /api/traces/{id} for large traces: the TracePayload as JSON TEXT, without ever materialising spans as
// JS objects. Postgres renders each span's JSON (json_build_object — it escapes every untrusted string, and
// jsonb columns are emitted as-is), Node only interns resource/scope texts into indexes and concatenates.
// Parsing every span's attributes into objects and stringifying them again took ~5 s and ~650 MB RSS for a
// 100k-span trace on the dev VM; this path avoids both (see docs/performance.md, Ingest). Same range-bounded
// primary-key scan as readTrace. The output is exactly the TracePayload shape (lib/domain/model/trace-payload.ts).
import type { Attributes } from '@/lib/domain/model/any-value';
import { hostIdentityFromResource } from '@/lib/domain/model/host-identity';
import type { TracePayloadResource } from '@/lib/domain/model/trace-payload';
import type { TraceSummary } from '@/lib/domain/model/trace-summary';
import { hexToBytes } from '../db/id-bytes';
import type { Queryable } from '../db/queryable';
import { queryRows } from '../db/queryable';
import { sql } from '../db/sql-template';

interface SummaryRow {
  root_service_name: string | null;
  root_span_name: string | null;
  start_time_unix_nano: bigint;
  end_time_unix_nano: bigint;
  span_count: number;
  error_count: number;
  services: string[];
}

interface SpanJsonRow {
  service_name: string;
  resource_text: string;
  scope_text: string;
  /** `{"spanId" : ..., ...}` without resourceIndex/scopeIndex. */
  span: string;
}

export async function readTraceJson(db: Queryable, tenant: string, traceId: string): Promise<string | null> {
  const id = hexToBytes(traceId);
  const [summary] = await queryRows<SummaryRow>(
    db,
    sql`SELECT root_service_name, root_span_name, start_time_unix_nano, end_time_unix_nano, span_count, error_count, services
          FROM trace_summaries WHERE trace_id = ${id} AND tenant = ${tenant}`,
  );
  if (!summary) return null;
  const rows = await queryRows<SpanJsonRow>(
    db,
    sql`SELECT service_name, resource_attributes::text AS resource_text, scope::text AS scope_text,
               json_build_object(
                 'spanId', encode(span_id, 'hex'),
                 'parentSpanId', CASE WHEN parent_span_id IS NULL OR length(parent_span_id) = 0 THEN NULL ELSE encode(parent_span_id, 'hex') END,
                 'name', name, 'kind', kind,
                 'startTimeUnixNano', start_time_unix_nano::text, 'endTimeUnixNano', end_time_unix_nano::text,
                 'statusCode', status_code, 'statusMessage', status_message, 'traceState', trace_state, 'flags', flags,
                 'attributes', attributes, 'events', events, 'links', links,
                 'droppedAttributesCount', dropped_attributes_count, 'droppedEventsCount', dropped_events_count,
                 'droppedLinksCount', dropped_links_count)::text AS span
          FROM spans
         WHERE trace_id = ${id} AND tenant = ${tenant}
           AND start_time_unix_nano >= ${summary.start_time_unix_nano.toString()}::int8
           AND start_time_unix_nano <= ${summary.end_time_unix_nano.toString()}::int8
         ORDER BY start_time_unix_nano, span_id`,
  );
  if (rows.length === 0) return null;
  const resources: TracePayloadResource[] = [];
  const resourceIndex = new Map<string, number>();
  const scopes: string[] = [];
  const scopeIndex = new Map<string, number>();
  const spans: string[] = new Array<string>(rows.length);
  rows.forEach((r, i) => {
    let ri = resourceIndex.get(r.resource_text);
    if (ri === undefined) {
      const attributes = JSON.parse(r.resource_text) as Attributes;
      ri = resources.push({ serviceName: r.service_name, attributes, host: hostIdentityFromResource(attributes) }) - 1;
      resourceIndex.set(r.resource_text, ri);
    }
    let si = scopeIndex.get(r.scope_text);
    if (si === undefined) {
      si = scopes.push(r.scope_text) - 1;
      scopeIndex.set(r.scope_text, si);
    }
    spans[i] = `{"resourceIndex":${ri},"scopeIndex":${si},${r.span.slice(1)}`;
  });
  const traceSummary: TraceSummary = {
    traceId,
    rootService: summary.root_service_name,
    rootName: summary.root_span_name,
    startUnixNano: summary.start_time_unix_nano.toString(),
    durationNs: (summary.end_time_unix_nano - summary.start_time_unix_nano).toString(),
    spanCount: summary.span_count,
    errorCount: summary.error_count,
    services: summary.services,
  };
  return (
    `{"traceId":${JSON.stringify(traceId)},"tenant":${JSON.stringify(tenant)},"summary":${JSON.stringify(traceSummary)},` +
    `"resources":${JSON.stringify(resources)},"scopes":[${scopes.join(',')}],"spans":[${spans.join(',')}]}`
  );
}
