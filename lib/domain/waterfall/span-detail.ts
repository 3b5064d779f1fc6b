// Everything the detail panel shows for one span, built on demand in the worker from the TraceStore.
// Attribute values are flattened to text here: the UI renders them as text only (they are untrusted).
// Times: unix ns as decimal strings; offsets as relative ns numbers.
import { anyValueToText, type Attributes } from '../model/any-value';
import type { HostIdentity } from '../model/span';
import type { TraceStore } from './build-waterfall';

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

export function spanDetail(store: TraceStore, node: number): SpanDetail | null {
  const span = store.wire.spans[node];
  if (!span) return null;
  const resource = store.wire.resources[span[11]];
  const offset = BigInt(Math.round(store.offset[node] ?? 0));
  const start = BigInt(span[4]);
  const end = BigInt(span[5]);
  return {
    node,
    spanId: span[0],
    parentSpanId: span[1],
    name: span[2],
    kind: span[3],
    serviceName: resource?.serviceName ?? 'unknown',
    host: resource?.host ?? { id: null, name: null, ip: null, serviceInstanceId: null },
    statusCode: span[6],
    statusMessage: span[7],
    startUnixNano: span[4],
    endUnixNano: span[5],
    correctedStartUnixNano: (start + offset).toString(),
    correctedEndUnixNano: (end + offset).toString(),
    skewOffsetNs: Number(offset),
    skewReason: store.offset[node] ? store.reasonText(node) : null,
    attributes: textAttributes(span[8]),
    resourceAttributes: textAttributes(resource?.attributes ?? null),
    events: (span[9] ?? []).map((ev) => ({ timeUnixNano: ev.timeUnixNano, name: ev.name, attributes: textAttributes(ev.attributes) })),
    links: (span[10] ?? []).map((l) => ({ traceId: l.traceId, spanId: l.spanId, attributes: textAttributes(l.attributes ?? null) })),
  };
}

function textAttributes(attributes: Attributes | null): TextAttribute[] {
  if (!attributes) return [];
  return Object.entries(attributes)
    .map(([key, value]): TextAttribute => [key, anyValueToText(value)])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Lower-case text find-in-trace searches for a node: name, service, span id and attribute values. */
export function searchTextOf(store: TraceStore, node: number): string {
  store.searchText ??= [];
  const cached = store.searchText[node];
  if (cached !== undefined) return cached;
  const span = store.wire.spans[node];
  let text = '';
  if (span) {
    const parts = [span[2], store.wire.resources[span[11]]?.serviceName ?? '', span[0], span[7]];
    if (span[8]) for (const [key, value] of Object.entries(span[8])) parts.push(`${key}=${anyValueToText(value)}`);
    text = parts.join('\n').toLowerCase();
  }
  store.searchText[node] = text;
  return text;
}
