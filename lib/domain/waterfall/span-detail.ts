// Everything the detail panel shows for one span, built on demand in the worker from the TraceStore and, for a
// stored trace, the span's attributes, events and links fetched for it (GET /api/traces/{id}/spans/{spanId}).
// Attribute values are flattened to text here: the UI renders them as text only (they are untrusted).
// Times: unix ns as decimal strings; offsets as relative ns numbers.
import { anyValueToText, type Attributes } from '../model/any-value';
import type { HostIdentity } from '../model/span';
import type { TraceStore } from './build-waterfall';
import { parentIdAt, spanIdAt } from './skeleton-columns';
import type { WireSpan } from './waterfall-wire';

export type TextAttribute = [key: string, value: string];

export interface SpanDetail {
  node: number;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: number;
  serviceName: string;
  host: HostIdentity;
  statusCode: number;
  statusMessage: string;
  startUnixNano: string;
  endUnixNano: string;
  correctedStartUnixNano: string;
  correctedEndUnixNano: string;
  skewOffsetNs: number;
  skewReason: string | null;
  attributes: TextAttribute[];
  resourceAttributes: TextAttribute[];
  events: { timeUnixNano: string; name: string; attributes: TextAttribute[] }[];
  links: { traceId: string; spanId: string; attributes: TextAttribute[] }[];
}

/**
 * `fetched`: the span as the server sent it (stored traces); else the store's attached full spans (local
 * files). Without either, the skeleton's fields with no attributes, events or links.
 */
export function spanDetail(store: TraceStore, node: number, fetched?: WireSpan | null): SpanDetail | null {
  const skeleton = store.skeleton;
  if (!isSpanNode(store, node)) return null;
  const spanId = spanIdAt(skeleton, node);
  const fullAt = store.fullIndex?.get(spanId);
  const full = fetched ?? (fullAt === undefined ? undefined : store.full?.spans[fullAt]);
  const resource = skeleton.resources[skeleton.resourceIndex[node]!];
  const offset = BigInt(Math.round(store.offset[node] ?? 0));
  const base = BigInt(skeleton.baseUnixNano);
  const start = base + BigInt(skeleton.start[node]!);
  const end = skeleton.end[node]! < skeleton.start[node]! ? 0n : base + BigInt(skeleton.end[node]!);
  return {
    node,
    spanId,
    parentSpanId: parentIdAt(skeleton, node),
    name: skeleton.names[skeleton.nameIndex[node]!]!,
    kind: skeleton.kind[node]!,
    serviceName: resource?.serviceName ?? 'unknown',
    host: resource?.host ?? { id: null, name: null, ip: null, serviceInstanceId: null },
    statusCode: skeleton.statusCode[node]!,
    statusMessage: skeleton.statusMessage[node]!,
    startUnixNano: start.toString(),
    endUnixNano: end.toString(),
    correctedStartUnixNano: (start + offset).toString(),
    correctedEndUnixNano: end === 0n ? '0' : (end + offset).toString(),
    skewOffsetNs: Number(offset),
    skewReason: store.offset[node] ? store.reasonText(node) : null,
    attributes: textAttributes(full?.[8] ?? null),
    resourceAttributes: textAttributes(resource?.attributes ?? null),
    events: (full?.[9] ?? []).map((ev) => ({ timeUnixNano: ev.timeUnixNano, name: ev.name, attributes: textAttributes(ev.attributes) })),
    links: (full?.[10] ?? []).map((l) => ({ traceId: l.traceId, spanId: l.spanId, attributes: textAttributes(l.attributes ?? null) })),
  };
}

export function isSpanNode(store: TraceStore, node: number): boolean {
  return Number.isInteger(node) && node >= 0 && node < store.skeleton.count;
}

function textAttributes(attributes: Attributes | null): TextAttribute[] {
  if (!attributes) return [];
  return Object.entries(attributes)
    .map(([key, value]): TextAttribute => [key, anyValueToText(value)])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
