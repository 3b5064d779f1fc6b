// TracePayload → OTLP JSON ExportTraceServiceRequest (what another OTLP/HTTP JSON backend accepts): spans
// grouped by resource, then by scope; ids hex, times decimal strings, enums integers. Written by hand rather
// than with otlp-transformer's JsonTraceSerializer, which only takes live SDK ReadableSpans (hrtime tuples,
// SDK Resource objects) — rebuilding those from stored rows would add a lossy round trip for no gain.
import { keyValuesFromAttributes, type KeyValue } from '../model/any-value';
import type { TracePayload } from '../model/trace-payload';

export interface OtlpJsonSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  traceState?: string;
  flags: number;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: KeyValue[];
  droppedAttributesCount: number;
  events: { timeUnixNano: string; name: string; attributes: KeyValue[]; droppedAttributesCount: number }[];
  droppedEventsCount: number;
  links: { traceId: string; spanId: string; traceState: string; attributes: KeyValue[]; droppedAttributesCount: number; flags: number }[];
  droppedLinksCount: number;
  status: { code: number; message?: string };
}

export interface OtlpJsonTraceRequest {
  resourceSpans: {
    resource: { attributes: KeyValue[]; droppedAttributesCount: number };
    scopeSpans: { scope: { name: string; version: string; attributes: KeyValue[] }; spans: OtlpJsonSpan[] }[];
  }[];
}

export function encodeOtlpJsonTrace(trace: TracePayload): OtlpJsonTraceRequest {
  const groups = new Map<number, Map<number, OtlpJsonSpan[]>>();
  for (const s of trace.spans) {
    let byScope = groups.get(s.resourceIndex);
    if (!byScope) groups.set(s.resourceIndex, (byScope = new Map()));
    let list = byScope.get(s.scopeIndex);
    if (!list) byScope.set(s.scopeIndex, (list = []));
    list.push({
      traceId: trace.traceId,
      spanId: s.spanId,
      ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
      ...(s.traceState ? { traceState: s.traceState } : {}),
      flags: s.flags,
      name: s.name,
      kind: s.kind,
      startTimeUnixNano: s.startTimeUnixNano,
      endTimeUnixNano: s.endTimeUnixNano,
      attributes: keyValuesFromAttributes(s.attributes),
      droppedAttributesCount: s.droppedAttributesCount,
      events: s.events.map((e) => ({ timeUnixNano: e.timeUnixNano, name: e.name, attributes: keyValuesFromAttributes(e.attributes), droppedAttributesCount: e.droppedAttributesCount })),
      droppedEventsCount: s.droppedEventsCount,
      links: s.links.map((l) => ({ ...l, attributes: keyValuesFromAttributes(l.attributes) })),
      droppedLinksCount: s.droppedLinksCount,
      status: { code: s.statusCode, ...(s.statusMessage ? { message: s.statusMessage } : {}) },
    });
  }
  return {
    resourceSpans: [...groups].map(([ri, byScope]) => ({
      resource: { attributes: keyValuesFromAttributes(trace.resources[ri]?.attributes ?? {}), droppedAttributesCount: 0 },
      scopeSpans: [...byScope].map(([si, spans]) => {
        const scope = trace.scopes[si] ?? { name: '', version: '', attributes: {} };
        return { scope: { name: scope.name, version: scope.version, attributes: keyValuesFromAttributes(scope.attributes) }, spans };
      }),
    })),
  };
}
