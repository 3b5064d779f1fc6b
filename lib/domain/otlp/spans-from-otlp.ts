// OtlpTraceRequest → SpanRecord[] for one tenant, rejecting invalid spans one by one (OTLP partial success):
// trace id must be 32 hex chars and not all zero, span id 16 hex chars and not all zero, a parent id empty or
// a valid span id (all-zero counts as absent), start > 0, end >= start, both within int8 (the column type).
import { stringAttribute, type Attributes } from '../model/any-value';
import { hostIdentityFromResource } from '../model/host-identity';
import { isValidSpanId, isValidTraceId } from '../model/ids';
import type { SpanKind, SpanRecord, StatusCode } from '../model/span';
import { clampInt4, DEFAULT_STORAGE_LIMITS, Storable, uint31, withTruncationNote, type StorageLimits } from '../model/storable';
import type { OtlpSpan, OtlpTraceRequest } from './otlp-request';
import { Rejections } from './otlp-rejections';
import { windowProblem, type IngestWindow } from '../model/ingest-window';

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

/**
 * Every value is made storable here (storable.ts): text cleaned, names and long attribute values cut (noted in
 * `tracehound.truncated`), integer fields range-checked for their int4 columns.
 */
export function spansFromOtlp(request: OtlpTraceRequest, tenant: string, limits: StorageLimits = DEFAULT_STORAGE_LIMITS, window?: IngestWindow): SpansFromOtlp {
  const spans: SpanRecord[] = [];
  const rejections = new Rejections();
  const clean = new Storable(limits);
  for (const rs of request.resourceSpans) {
    const resourceNotes: string[] = [];
    const resource = clean.attributesOnce(rs.resource, 'resource.', resourceNotes);
    const serviceName = clean.name(serviceNameOf(resource), 'resource.service.name', resourceNotes);
    const host = hostIdentityFromResource(resource);
    for (const ss of rs.scopeSpans) {
      const scopeNotes: string[] = [];
      const scope = { name: clean.text(ss.scope.name), version: clean.text(ss.scope.version), attributes: clean.attributesOnce(ss.scope.attributes, 'scope.', scopeNotes) };
      for (const s of ss.spans) {
        const problem = spanProblem(s) ?? windowProblem(s.startTimeUnixNano, window);
        if (problem) {
          rejections.add(problem);
          continue;
        }
        const notes = [...resourceNotes, ...scopeNotes];
        const name = clean.name(s.name, 'name', notes);
        const attributes = clean.attributes(s.attributes, 'span.', notes);
        const events = s.events.map((e, i) => ({
          timeUnixNano: e.timeUnixNano,
          name: clean.text(e.name),
          attributes: clean.attributes(e.attributes, `event[${i}].`, notes),
          droppedAttributesCount: clampInt4(e.droppedAttributesCount),
        }));
        const links = s.links.map((l, i) => ({
          traceId: clean.text(l.traceId),
          spanId: clean.text(l.spanId),
          traceState: clean.text(l.traceState),
          attributes: clean.attributes(l.attributes, `link[${i}].`, notes),
          droppedAttributesCount: clampInt4(l.droppedAttributesCount),
          flags: uint31(l.flags),
        }));
        spans.push({
          tenant,
          traceId: s.traceId,
          spanId: s.spanId,
          parentSpanId: s.parentSpanId === '' || s.parentSpanId === ZERO_SPAN_ID ? null : s.parentSpanId,
          traceState: clean.text(s.traceState),
          flags: uint31(s.flags),
          name,
          kind: (s.kind >= 0 && s.kind <= 5 ? s.kind : 0) as SpanKind,
          serviceName,
          startTimeUnixNano: s.startTimeUnixNano,
          endTimeUnixNano: s.endTimeUnixNano,
          statusCode: (s.statusCode >= 0 && s.statusCode <= 2 ? s.statusCode : 0) as StatusCode,
          statusMessage: clean.text(s.statusMessage),
          attributes: withTruncationNote(attributes, notes),
          resourceAttributes: resource,
          scope,
          events,
          links,
          droppedAttributesCount: clampInt4(s.droppedAttributesCount),
          droppedEventsCount: clampInt4(s.droppedEventsCount),
          droppedLinksCount: clampInt4(s.droppedLinksCount),
          host,
        });
      }
    }
  }
  return { spans, rejected: rejections.count, errorMessage: rejections.message() };
}
