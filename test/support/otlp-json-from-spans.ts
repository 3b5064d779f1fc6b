// SpanRecords as an OTLP/JSON ExportTraceServiceRequest (one resourceSpans per distinct service+resource),
// so fixtures and benchmarks can be sent through the real POST /v1/traces ingest endpoint.
import { keyValuesFromAttributes } from '@/lib/domain/model/any-value';
import type { SpanRecord } from '@/lib/domain/model/span';

export function otlpJsonFromSpans(spans: readonly SpanRecord[]): string {
  const groups = new Map<string, SpanRecord[]>();
  for (const span of spans) {
    const key = `${span.serviceName}\u0000${JSON.stringify(span.resourceAttributes)}`;
    const list = groups.get(key) ?? [];
    list.push(span);
    groups.set(key, list);
  }
  const resourceSpans = [...groups.values()].map((list) => ({
    resource: { attributes: keyValuesFromAttributes(list[0]!.resourceAttributes) },
    scopeSpans: [
      {
        scope: { name: list[0]!.scope.name, version: list[0]!.scope.version },
        spans: list.map((s) => ({
          traceId: s.traceId,
          spanId: s.spanId,
          parentSpanId: s.parentSpanId ?? '',
          name: s.name,
          kind: s.kind,
          startTimeUnixNano: s.startTimeUnixNano.toString(),
          endTimeUnixNano: s.endTimeUnixNano.toString(),
          attributes: keyValuesFromAttributes(s.attributes),
          events: s.events.map((e) => ({ timeUnixNano: e.timeUnixNano.toString(), name: e.name, attributes: keyValuesFromAttributes(e.attributes) })),
          links: s.links.map((l) => ({ traceId: l.traceId, spanId: l.spanId, attributes: keyValuesFromAttributes(l.attributes) })),
          status: { code: s.statusCode, message: s.statusMessage },
        })),
      },
    ],
  }));
  return JSON.stringify({ resourceSpans });
}
