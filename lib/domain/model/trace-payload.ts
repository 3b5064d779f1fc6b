// The wire shape of GET /api/traces/{traceId}: one stored trace, compact enough for 100k spans.
// Resource attribute sets and instrumentation scopes repeat across thousands of spans of a trace, so each
// distinct one is sent once and spans point at it by index. Times are unix nanoseconds as decimal strings
// (never JS numbers); ids are lowercase hex. Spans are ordered by start time, then span id.
import type { Attributes } from './any-value';
import type { HostIdentity, InstrumentationScope, SpanEvent, SpanKind, SpanLink, StatusCode } from './span';
import type { TraceSummary } from './trace-summary';

export interface TracePayloadResource {
  /** resource attribute `service.name` (or the span's service name when absent). */
  serviceName: string;
  attributes: Attributes;
  /** Derived from the resource (host.id / host.name / host.ip / service.instance.id) for clock-skew work. */
  host: HostIdentity;
}

/** A SpanEvent with its time as a decimal string — also the shape of the spans.events jsonb column. */
export interface TracePayloadEvent extends Omit<SpanEvent, 'timeUnixNano'> {
  timeUnixNano: string;
}

/** Links carry no times, so the wire shape is the model's. */
export type TracePayloadLink = SpanLink;

export interface TracePayloadSpan {
  spanId: string;
  /** null for a root span. */
  parentSpanId: string | null;
  name: string;
  kind: SpanKind;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  statusCode: StatusCode;
  statusMessage: string;
  traceState: string;
  flags: number;
  attributes: Attributes;
  events: TracePayloadEvent[];
  links: TracePayloadLink[];
  droppedAttributesCount: number;
  droppedEventsCount: number;
  droppedLinksCount: number;
  /** Index into TracePayload.resources. */
  resourceIndex: number;
  /** Index into TracePayload.scopes. */
  scopeIndex: number;
}

export interface TracePayload {
  traceId: string;
  tenant: string;
  summary: TraceSummary;
  resources: TracePayloadResource[];
  scopes: InstrumentationScope[];
  spans: TracePayloadSpan[];
}
