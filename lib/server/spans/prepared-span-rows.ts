// One request's spans serialized for the span INSERT (write-spans.ts), ready to be concatenated into a batch:
// `{"r":[resources…],"s":[rows…]}` where each row names its resource by index into its own chunk's "r". The
// serialization is the costliest synchronous part of a write (one JSON.stringify per span), so it is done once per
// request, where the request is decoded — in the span decode worker for OTLP (ingest/span-decode), so the main
// thread only joins strings (issue #19, overload) — and never again for the batch.
// No database or framework here: this module also runs in the decode worker.
import type { SpanRecord } from '@/lib/domain/model/span';
import { dayOfUnixNano } from '../db/partitions';

export interface PreparedSpans {
  /** The chunk's JSON text: {"r": resources, "s": rows}. */
  json: string;
  /** Spans in the chunk. */
  rows: number;
  /** Distinct UTC days (days since the epoch) of the spans' start times: the partitions the chunk writes to. */
  days: number[];
}

interface ResourceParam {
  a: SpanRecord['resourceAttributes'];
  hi: string | null;
  hn: string | null;
  ip: string | null;
  si: string | null;
}

export function prepareSpanRows(spans: readonly SpanRecord[]): PreparedSpans {
  // Decoders share one resource object among the spans of a ResourceSpans, so identity finds repeats cheaply.
  const resourceIndex = new Map<object, number>();
  const resources: ResourceParam[] = [];
  const days = new Set<number>();
  const rows = spans.map((s) => {
    let r = resourceIndex.get(s.resourceAttributes);
    if (r === undefined) {
      r = resources.push({ a: s.resourceAttributes, hi: s.host.id, hn: s.host.name, ip: s.host.ip, si: s.host.serviceInstanceId }) - 1;
      resourceIndex.set(s.resourceAttributes, r);
    }
    days.add(dayOfUnixNano(s.startTimeUnixNano));
    return {
      tenant: s.tenant,
      trace_id: s.traceId,
      span_id: s.spanId,
      parent_span_id: s.parentSpanId,
      trace_state: s.traceState,
      flags: s.flags,
      name: s.name,
      kind: s.kind,
      service_name: s.serviceName,
      start_ns: s.startTimeUnixNano.toString(),
      end_ns: s.endTimeUnixNano.toString(),
      status_code: s.statusCode,
      status_message: s.statusMessage,
      attributes: s.attributes,
      resource: r,
      scope: s.scope,
      // Event times become decimal strings (OTLP JSON's int64 form); JSON has no bigint.
      events: s.events.map((e) => ({
        timeUnixNano: e.timeUnixNano.toString(),
        name: e.name,
        attributes: e.attributes,
        droppedAttributesCount: e.droppedAttributesCount,
      })),
      links: s.links,
      dropped_attributes_count: s.droppedAttributesCount,
      dropped_events_count: s.droppedEventsCount,
      dropped_links_count: s.droppedLinksCount,
    };
  });
  return { json: JSON.stringify({ r: resources, s: rows }), rows: spans.length, days: [...days] };
}

/** The batch parameter of the span INSERT: the chunks as one JSON array (no re-serialization). */
export function batchJson(chunks: readonly PreparedSpans[]): string {
  let out = '[';
  for (let i = 0; i < chunks.length; i++) out += (i === 0 ? '' : ',') + (chunks[i] as PreparedSpans).json;
  return out + ']';
}
