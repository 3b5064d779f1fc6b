// Decoded spans of one trace (a local file's, lib/domain/formats) → the two wire forms the waterfall builder
// reads: the skeleton (rows and analysis) and the full trace (details and find), so a file opened in the browser
// goes through exactly the pipeline a stored trace does. Resources are deduplicated by service, host and
// attributes, as the server does. Relative times are exact below 2^53 ns (~104 days) of trace length.
import type { SpanRecord } from '../model/span';
import type { SkeletonSpan, WireResource, WireSkeleton, WireTrace } from './waterfall-wire';

export function wireFromSpans(traceId: string, spans: readonly SpanRecord[]): { skeleton: WireSkeleton; full: WireTrace } {
  let base = spans[0]?.startTimeUnixNano ?? 0n;
  for (const s of spans) if (s.startTimeUnixNano < base) base = s.startTimeUnixNano;
  const resources: WireResource[] = [];
  const resourceIndex = new Map<string, number>();
  const indexOf = (s: SpanRecord): number => {
    const key = JSON.stringify([s.serviceName, s.host, s.resourceAttributes]);
    let index = resourceIndex.get(key);
    if (index === undefined) {
      index = resources.push({ serviceName: s.serviceName, attributes: s.resourceAttributes, host: s.host }) - 1;
      resourceIndex.set(key, index);
    }
    return index;
  };
  const rel = (t: bigint) => Number(t - base);
  const skeletonSpans: SkeletonSpan[] = [];
  const full: WireTrace = { traceId, spans: [], resources };
  for (const s of spans) {
    const r = indexOf(s);
    // An end of 0 (never finished) becomes an end before the start: the skeleton's "unfinished".
    const end = s.endTimeUnixNano === 0n ? -1 : rel(s.endTimeUnixNano);
    skeletonSpans.push([
      s.spanId,
      s.parentSpanId,
      s.name,
      s.kind,
      rel(s.startTimeUnixNano),
      end,
      s.statusCode,
      s.statusMessage,
      s.events.length > 0 ? s.events.map((e) => rel(e.timeUnixNano)) : null,
      r,
    ]);
    full.spans.push([
      s.spanId,
      s.parentSpanId,
      s.name,
      s.kind,
      s.startTimeUnixNano.toString(),
      s.endTimeUnixNano.toString(),
      s.statusCode,
      s.statusMessage,
      s.attributes,
      s.events.map((e) => ({ timeUnixNano: e.timeUnixNano.toString(), name: e.name, attributes: e.attributes, droppedAttributesCount: e.droppedAttributesCount })),
      s.links.map((l) => ({ traceId: l.traceId, spanId: l.spanId, attributes: l.attributes })),
      r,
    ]);
  }
  return { skeleton: { traceId, baseUnixNano: base.toString(), spans: skeletonSpans, resources }, full };
}
