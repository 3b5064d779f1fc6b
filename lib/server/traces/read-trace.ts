import 'server-only';
// Reads one stored trace as the compact TracePayload. The summary (kept current by the writer) gives the
// trace's time range; the span query bounds start_time_unix_nano by it, so the planner prunes to the day
// partitions the trace touches and reads each with one range scan of the primary key (trace_id, tenant, ...).
// Resource and scope JSON are fetched as text and parsed once per distinct value, not once per span.
import type { InstrumentationScope, SpanKind, StatusCode } from '@/lib/domain/model/span';
import type { TracePayload, TracePayloadResource, TracePayloadSpan } from '@/lib/domain/model/trace-payload';
import { hexToBytes, bytesToHex } from '../db/id-bytes';
import type { Queryable } from '../db/queryable';
import { queryRows } from '../db/queryable';
import { sql } from '../db/sql-template';
import type { SpanTableRow } from '../spans/span-row';
import { InternTable, payloadResource } from './intern-table';
import { findTraceSummaryRow, traceSummaryOf } from './trace-summary-row';

type SpanRow = Pick<
  SpanTableRow,
  | 'span_id'
  | 'parent_span_id'
  | 'trace_state'
  | 'flags'
  | 'name'
  | 'kind'
  | 'service_name'
  | 'start_time_unix_nano'
  | 'end_time_unix_nano'
  | 'status_code'
  | 'status_message'
  | 'attributes'
  | 'events'
  | 'links'
  | 'dropped_attributes_count'
  | 'dropped_events_count'
  | 'dropped_links_count'
> & { resource_text: string; scope_text: string };

/** `spanIds`: only those spans (a pinned snapshot of a huge trace); the summary still describes the whole trace. */
export async function readTrace(db: Queryable, tenant: string, traceId: string, options: { spanIds?: readonly string[] } = {}): Promise<TracePayload | null> {
  const id = hexToBytes(traceId);
  const summary = await findTraceSummaryRow(db, tenant, traceId);
  if (!summary) return null;
  const rows = await queryRows<SpanRow>(
    db,
    sql`SELECT span_id, parent_span_id, trace_state, flags, name, kind, service_name, start_time_unix_nano,
               end_time_unix_nano, status_code, status_message, attributes, resource_attributes::text AS resource_text,
               scope::text AS scope_text, events, links, dropped_attributes_count, dropped_events_count, dropped_links_count
          FROM spans
         WHERE trace_id = ${id} AND tenant = ${tenant}
           AND start_time_unix_nano >= ${summary.start_time_unix_nano.toString()}::int8
           AND start_time_unix_nano <= ${summary.end_time_unix_nano.toString()}::int8
           ${options.spanIds ? sql`AND span_id = ANY (${options.spanIds.map(hexToBytes)}::bytea[])` : sql``}
         ORDER BY start_time_unix_nano, span_id`,
  );
  if (rows.length === 0) return null;
  const resources = new InternTable<TracePayloadResource>();
  const scopes = new InternTable<InstrumentationScope>();
  const spans: TracePayloadSpan[] = rows.map((r) => {
    const ri = resources.indexOf(r.resource_text, (text) => payloadResource(r.service_name, text));
    const si = scopes.indexOf(r.scope_text, (text) => JSON.parse(text) as InstrumentationScope);
    return {
      spanId: bytesToHex(r.span_id),
      parentSpanId: r.parent_span_id ? bytesToHex(r.parent_span_id) : null,
      name: r.name,
      kind: r.kind as SpanKind,
      startTimeUnixNano: r.start_time_unix_nano.toString(),
      endTimeUnixNano: r.end_time_unix_nano.toString(),
      statusCode: r.status_code as StatusCode,
      statusMessage: r.status_message,
      traceState: r.trace_state,
      flags: r.flags,
      attributes: r.attributes,
      events: r.events,
      links: r.links,
      droppedAttributesCount: r.dropped_attributes_count,
      droppedEventsCount: r.dropped_events_count,
      droppedLinksCount: r.dropped_links_count,
      resourceIndex: ri,
      scopeIndex: si,
    };
  });
  return {
    traceId,
    tenant,
    summary: traceSummaryOf(traceId, summary),
    resources: resources.values,
    scopes: scopes.values,
    spans,
  };
}
