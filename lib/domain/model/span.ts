// The span model shared by ingest, storage, analysis and the UI.
// Invariants: ids are lowercase hex (trace 32 chars, span 16 chars); times are unix nanoseconds as bigint
// (epoch nanoseconds exceed 2^53 and must never pass through a JS number); endTimeUnixNano >= startTimeUnixNano.
import type { Attributes } from './any-value';

/** OTLP SpanKind numbering. */
export const SpanKind = {
  UNSPECIFIED: 0,
  INTERNAL: 1,
  SERVER: 2,
  CLIENT: 3,
  PRODUCER: 4,
  CONSUMER: 5,
} as const;
export type SpanKind = (typeof SpanKind)[keyof typeof SpanKind];

/** OTLP StatusCode numbering. */
export const StatusCode = { UNSET: 0, OK: 1, ERROR: 2 } as const;
export type StatusCode = (typeof StatusCode)[keyof typeof StatusCode];

export interface SpanEvent {
  timeUnixNano: bigint;
  name: string;
  attributes: Attributes;
  droppedAttributesCount: number;
}

export interface SpanLink {
  traceId: string;
  spanId: string;
  traceState: string;
  attributes: Attributes;
  droppedAttributesCount: number;
  flags: number;
}

export interface InstrumentationScope {
  name: string;
  version: string;
  attributes: Attributes;
}

/** The host a span ran on, from its resource; the key for clock-skew correction. */
export interface HostIdentity {
  id: string | null;
  name: string | null;
  ip: string | null;
  serviceInstanceId: string | null;
}

export interface SpanRecord {
  tenant: string;
  traceId: string;
  spanId: string;
  /** null for a root span. */
  parentSpanId: string | null;
  traceState: string;
  flags: number;
  name: string;
  kind: SpanKind;
  serviceName: string;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  statusCode: StatusCode;
  statusMessage: string;
  attributes: Attributes;
  resourceAttributes: Attributes;
  scope: InstrumentationScope;
  events: SpanEvent[];
  links: SpanLink[];
  droppedAttributesCount: number;
  droppedEventsCount: number;
  droppedLinksCount: number;
  host: HostIdentity;
}

export const DEFAULT_TENANT = 'default';
