// Wire shape of GET /api/traces/{traceId}/spans — the trace page's fast path for very large traces.
// Why not the object-per-span TracePayload of GET /api/traces/{traceId}: at 500k spans its repeated keys
// alone are ~115 MB of JSON. Here each span is a positional tuple and each distinct resource is sent once,
// which roughly halves the bytes and lets the server stream rows straight from a Postgres cursor.
// Times are unix nanoseconds as decimal strings; ids are lowercase hex; spans arrive in no particular order.
import type { Attributes } from '../model/any-value';
import type { HostIdentity } from '../model/span';

export interface WireEvent {
  timeUnixNano: string;
  name: string;
  attributes: Attributes;
  droppedAttributesCount?: number;
}

export interface WireLink {
  traceId: string;
  spanId: string;
  attributes?: Attributes;
}

/** [spanId, parentSpanId, name, kind, start, end, statusCode, statusMessage, attributes, events, links, resourceIndex] */
export type WireSpan = [
  spanId: string,
  parentSpanId: string | null,
  name: string,
  kind: number,
  startTimeUnixNano: string,
  endTimeUnixNano: string,
  statusCode: number,
  statusMessage: string,
  attributes: Attributes | null,
  events: WireEvent[] | null,
  links: WireLink[] | null,
  resourceIndex: number,
];

export interface WireResource {
  serviceName: string;
  attributes: Attributes;
  host: HostIdentity;
}

export interface WireTrace {
  traceId: string;
  spans: WireSpan[];
  resources: WireResource[];
}

/**
 * The skeleton (what rows and analysis need) as tuples: the form tests and tools write by hand and
 * skeletonColumnsFromTuples() turns into SkeletonColumns. On the wire the skeleton is binary
 * (skeleton-binary.ts). Times are nanoseconds relative to `baseUnixNano` (the trace's earliest start), exact
 * below 2^53 ns (~104 days). An end before the start (e.g. a span with no end) means unfinished.
 * [spanId, parentSpanId, name, kind, startRel, endRel, statusCode, statusMessage, eventTimesRel, resourceIndex]
 */
export type SkeletonSpan = [
  spanId: string,
  parentSpanId: string | null,
  name: string,
  kind: number,
  startRelNs: number,
  endRelNs: number,
  statusCode: number,
  statusMessage: string,
  eventTimesRelNs: number[] | null,
  resourceIndex: number,
];

export interface WireSkeleton {
  traceId: string;
  baseUnixNano: string;
  spans: SkeletonSpan[];
  resources: WireResource[];
}
