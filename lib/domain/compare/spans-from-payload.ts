// The stored trace's wire shape (GET /api/traces/{id}, readTrace) as the analysis engine's input, for the
// pair diff on the server and in the /compare page's worker. Only the fields a diff reads are kept.
import type { AnalysisSpan } from '../analysis/analysis-span';
import type { TracePayload } from '../model/trace-payload';

export function spansFromPayload(payload: TracePayload): AnalysisSpan[] {
  return payload.spans.map((s) => {
    const resource = payload.resources[s.resourceIndex];
    return {
      traceId: payload.traceId,
      spanId: s.spanId,
      parentSpanId: s.parentSpanId,
      name: s.name,
      kind: s.kind,
      serviceName: resource?.serviceName ?? '',
      startTimeUnixNano: BigInt(s.startTimeUnixNano),
      endTimeUnixNano: BigInt(s.endTimeUnixNano),
      statusCode: s.statusCode,
      statusMessage: s.statusMessage,
      attributes: s.attributes,
      host: resource?.host ?? { id: null, name: null, ip: null, serviceInstanceId: null },
    };
  });
}
