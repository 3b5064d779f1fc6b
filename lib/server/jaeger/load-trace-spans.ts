import 'server-only';
// Reads whole traces (every stored span) as SpanRecords, ordered by start time, for the Jaeger API.
import type { SpanKind, SpanRecord, StatusCode } from '@/lib/domain/model/span';
import { bytesToHex, hexToBytes } from '../db/id-bytes';
import { queryRows, type Queryable } from '../db/queryable';
import { sql } from '../db/sql-template';
import { hostFromColumns } from '../spans/host-columns';
import type { SpanTableRow } from '../spans/span-row';

type SpanRow = SpanTableRow;

export function spanRecordOf(r: SpanRow): SpanRecord {
  return {
    tenant: r.tenant,
    traceId: bytesToHex(r.trace_id),
    spanId: bytesToHex(r.span_id),
    parentSpanId: r.parent_span_id && r.parent_span_id.length > 0 ? bytesToHex(r.parent_span_id) : null,
    traceState: r.trace_state,
    flags: r.flags,
    name: r.name,
    kind: r.kind as SpanKind,
    serviceName: r.service_name,
    startTimeUnixNano: r.start_time_unix_nano,
    endTimeUnixNano: r.end_time_unix_nano,
    statusCode: r.status_code as StatusCode,
    statusMessage: r.status_message,
    attributes: r.attributes,
    resourceAttributes: r.resource_attributes,
    scope: r.scope,
    events: r.events.map((e) => ({ ...e, timeUnixNano: BigInt(e.timeUnixNano) })),
    links: r.links,
    droppedAttributesCount: r.dropped_attributes_count,
    droppedEventsCount: r.dropped_events_count,
    droppedLinksCount: r.dropped_links_count,
    host: hostFromColumns(r),
  };
}

/** Spans grouped by trace id (hex), in start order; traces with no stored spans are absent. */
export async function loadTraceSpans(db: Queryable, tenant: string, traceIds: readonly string[]): Promise<Map<string, SpanRecord[]>> {
  const out = new Map<string, SpanRecord[]>();
  if (traceIds.length === 0) return out;
  const rows = await queryRows<SpanRow>(
    db,
    sql`SELECT * FROM spans WHERE tenant = ${tenant} AND trace_id = ANY(${traceIds.map(hexToBytes)}::bytea[])
ORDER BY trace_id, start_time_unix_nano, span_id`,
  );
  for (const row of rows) {
    const span = spanRecordOf(row);
    const list = out.get(span.traceId);
    if (list) list.push(span);
    else out.set(span.traceId, [span]);
  }
  return out;
}
