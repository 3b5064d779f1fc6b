// OtlpTraceRequest → SpanRecord[] for one tenant, rejecting invalid spans one by one (OTLP partial success):
// trace id must be 32 hex chars and not all zero, span id 16 hex chars and not all zero, a parent id empty or
// a valid span id (all-zero counts as absent), start > 0, end >= start, both within int8 (the column type).
import { stringAttribute, type Attributes } from '../model/any-value';
import { hostIdentityFromResource } from '../model/host-identity';
import { isValidSpanId, isValidTraceId } from '../model/ids';
import type { SpanKind, SpanRecord, StatusCode } from '../model/span';
import type { OtlpSpan, OtlpTraceRequest } from './otlp-request';
import { Rejections } from './otlp-rejections';

export const MAX_INT8 = 9_223_372_036_854_775_807n;
const ZERO_SPAN_ID = '0000000000000000';

export interface SpansFromOtlp {
  spans: SpanRecord[];
  rejected: number;
  /** '' when nothing was rejected. */
  errorMessage: string;
}

export function serviceNameOf(resource: Attributes): string {
  return stringAttribute(resource, 'service.name') || 'unknown_service';
}

/** Why a span cannot be stored, or null when it is valid. */
export function spanProblem(s: OtlpSpan): string | null {
  if (!isValidTraceId(s.traceId)) return 'invalid trace id';
  if (!isValidSpanId(s.spanId)) return 'invalid span id';
  if (s.parentSpanId !== '' && s.parentSpanId !== ZERO_SPAN_ID && !isValidSpanId(s.parentSpanId)) return 'invalid parent span id';
  if (s.startTimeUnixNano <= 0n) return 'missing start time';
  if (s.endTimeUnixNano < s.startTimeUnixNano) return 'end time before start time';
  if (s.endTimeUnixNano > MAX_INT8) return 'time out of range';
  return null;
}

export function spansFromOtlp(request: OtlpTraceRequest, tenant: string): SpansFromOtlp {
  const spans: SpanRecord[] = [];
  const rejections = new Rejections();
  for (const rs of request.resourceSpans) {
    const serviceName = serviceNameOf(rs.resource);
    const host = hostIdentityFromResource(rs.resource);
    for (const ss of rs.scopeSpans) {
      for (const s of ss.spans) {
        const problem = spanProblem(s);
        if (problem) {
          rejections.add(problem);
          continue;
        }
        spans.push({
          tenant,
          traceId: s.traceId,
          spanId: s.spanId,
          parentSpanId: s.parentSpanId === '' || s.parentSpanId === ZERO_SPAN_ID ? null : s.parentSpanId,
          traceState: s.traceState,
          flags: s.flags,
          name: s.name,
          kind: (s.kind >= 0 && s.kind <= 5 ? s.kind : 0) as SpanKind,
          serviceName,
          startTimeUnixNano: s.startTimeUnixNano,
          endTimeUnixNano: s.endTimeUnixNano,
          statusCode: (s.statusCode >= 0 && s.statusCode <= 2 ? s.statusCode : 0) as StatusCode,
          statusMessage: s.statusMessage,
          attributes: s.attributes,
          resourceAttributes: rs.resource,
          scope: ss.scope,
          events: s.events,
          links: s.links,
          droppedAttributesCount: s.droppedAttributesCount,
          droppedEventsCount: s.droppedEventsCount,
          droppedLinksCount: s.droppedLinksCount,
          host,
        });
      }
    }
  }
  return { spans, rejected: rejections.count, errorMessage: rejections.message() };
}
