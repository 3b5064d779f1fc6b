// The COPY baseline of the ingest benchmark: the same SpanRecords as PostgreSQL COPY text-format lines for the
// columns the span writer fills, so both paths store identical rows.
import type { SpanRecord } from '@/lib/domain/model/span';

export const COPY_COLUMNS = [
  'tenant',
  'trace_id',
  'span_id',
  'parent_span_id',
  'trace_state',
  'flags',
  'name',
  'kind',
  'service_name',
  'start_time_unix_nano',
  'end_time_unix_nano',
  'duration_ns',
  'status_code',
  'status_message',
  'attributes',
  'resource_attributes',
  'scope',
  'events',
  'links',
  'dropped_attributes_count',
  'dropped_events_count',
  'dropped_links_count',
  'host_id',
  'host_name',
  'host_ip',
  'service_instance_id',
];

function esc(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

export function copyLine(s: SpanRecord): string {
  const events = JSON.stringify(s.events.map((e) => ({ ...e, timeUnixNano: e.timeUnixNano.toString() })));
  return [
    esc(s.tenant),
    `\\\\x${s.traceId}`,
    `\\\\x${s.spanId}`,
    s.parentSpanId ? `\\\\x${s.parentSpanId}` : '\\N',
    esc(s.traceState),
    String(s.flags),
    esc(s.name),
    String(s.kind),
    esc(s.serviceName),
    s.startTimeUnixNano.toString(),
    s.endTimeUnixNano.toString(),
    (s.endTimeUnixNano - s.startTimeUnixNano).toString(),
    String(s.statusCode),
    esc(s.statusMessage),
    esc(JSON.stringify(s.attributes)),
    esc(JSON.stringify(s.resourceAttributes)),
    esc(JSON.stringify(s.scope)),
    esc(events),
    esc(JSON.stringify(s.links)),
    String(s.droppedAttributesCount),
    String(s.droppedEventsCount),
    String(s.droppedLinksCount),
    esc(s.host.id),
    esc(s.host.name),
    esc(s.host.ip),
    esc(s.host.serviceInstanceId),
  ].join('\t');
}
