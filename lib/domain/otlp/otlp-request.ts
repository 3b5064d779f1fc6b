// OTLP export requests after decoding, independent of the wire encoding (protobuf or JSON). Ids are the hex
// of the bytes as received (possibly empty or the wrong length — validation happens when mapping to the
// domain, so one bad item is rejected instead of the whole request). Times are unix ns as bigint.
import type { AnyValue, Attributes } from '../model/any-value';
import type { InstrumentationScope, SpanEvent, SpanLink } from '../model/span';

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  traceState: string;
  flags: number;
  name: string;
  kind: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Attributes;
  droppedAttributesCount: number;
  events: SpanEvent[];
  droppedEventsCount: number;
  links: SpanLink[];
  droppedLinksCount: number;
  statusCode: number;
  statusMessage: string;
}

export interface OtlpScopeSpans {
  scope: InstrumentationScope;
  spans: OtlpSpan[];
}

export interface OtlpResourceSpans {
  resource: Attributes;
  scopeSpans: OtlpScopeSpans[];
}

export interface OtlpTraceRequest {
  resourceSpans: OtlpResourceSpans[];
}

export interface OtlpLogRecord {
  timeUnixNano: bigint;
  observedTimeUnixNano: bigint;
  severityNumber: number;
  severityText: string;
  body: AnyValue | undefined;
  attributes: Attributes;
  traceId: string;
  spanId: string;
  flags: number;
  eventName: string;
}

export interface OtlpScopeLogs {
  scope: InstrumentationScope;
  logRecords: OtlpLogRecord[];
}

export interface OtlpResourceLogs {
  resource: Attributes;
  scopeLogs: OtlpScopeLogs[];
}

export interface OtlpLogsRequest {
  resourceLogs: OtlpResourceLogs[];
}

/** Nesting levels of arrayValue/kvlistValue a decoder accepts (deeper bodies are rejected with 400). */
export const MAX_ANY_VALUE_DEPTH = 64;

/** The body could not be decoded at all (the whole request is rejected with 400). */
export class OtlpDecodeError extends Error {
  override name = 'OtlpDecodeError';
}
