// Reads a Zipkin v2 JSON span array into SpanRecords. Times are microseconds; a span without a duration
// never finished (end 0n). kind CLIENT/SERVER/PRODUCER/CONSUMER maps to OTLP kinds, none to INTERNAL; an
// "error" tag marks an error (its value is the message). localEndpoint gives service and host ip.
// Zipkin's shared spans (client and server halves reported under one id, the server with shared: true) are
// split as ingest splits them (zipkin/split-shared-spans.ts): the server half gets a derived id and the client
// half as parent, and the server's children move under it.
import type { Attributes } from '../model/any-value';
import { DEFAULT_TENANT, SpanKind, StatusCode, type SpanRecord } from '../model/span';
import { asArray, asObject, asString, decodeId, decodeOptionalId, microsToNanos } from './decode-fields';
import { ZIPKIN_KINDS } from '../zipkin/zipkin-kinds';
import { splitSharedSpans } from '../zipkin/split-shared-spans';
import { TraceFormatError } from './format-error';

export function parseZipkinV2(input: unknown, tenant = DEFAULT_TENANT): SpanRecord[] {
  if (!Array.isArray(input)) throw new TraceFormatError('file: a Zipkin v2 file is a JSON array of spans');
  const hosts = new Map<string, SpanRecord['host']>();
  const shared = new Set<number>();
  const spans = input.map((value, k): SpanRecord => {
    const path = `[${k}]`;
    const span = asObject(value, path);
    const endpoint = span.localEndpoint === undefined ? {} : asObject(span.localEndpoint, `${path}.localEndpoint`);
    const serviceName = asString(endpoint.serviceName, 'unknown_service') || 'unknown_service';
    const ip = asString(endpoint.ipv4) || asString(endpoint.ipv6) || null;
    const hostKey = `${serviceName}\u0000${ip ?? ''}`;
    let host = hosts.get(hostKey);
    if (!host) hosts.set(hostKey, (host = { id: null, name: null, ip, serviceInstanceId: null }));
    const tags = span.tags === undefined ? {} : asObject(span.tags, `${path}.tags`);
    const attributes: Attributes = {};
    for (const [key, tag] of Object.entries(tags)) attributes[key] = { stringValue: String(tag) };
    const remote = span.remoteEndpoint === undefined ? undefined : asObject(span.remoteEndpoint, `${path}.remoteEndpoint`);
    if (remote?.serviceName && !attributes['peer.service']) attributes['peer.service'] = { stringValue: asString(remote.serviceName) };
    const start = microsToNanos(span.timestamp, `${path}.timestamp`);
    const end = span.duration === undefined || span.duration === null ? 0n : start + microsToNanos(span.duration, `${path}.duration`);
    const id = decodeId(span.id, 8, `${path}.id`);
    const kind = ZIPKIN_KINDS[asString(span.kind)] ?? SpanKind.INTERNAL;
    if (span.shared === true) shared.add(k);
    const resourceAttributes: Attributes = { 'service.name': { stringValue: serviceName } };
    if (ip) resourceAttributes['host.ip'] = { stringValue: ip };
    return {
      tenant,
      traceId: decodeId(span.traceId, 16, `${path}.traceId`),
      spanId: id,
      parentSpanId: decodeOptionalId(span.parentId, 8, `${path}.parentId`),
      traceState: '',
      flags: 0,
      name: asString(span.name),
      kind,
      serviceName,
      startTimeUnixNano: start,
      endTimeUnixNano: end,
      statusCode: 'error' in tags ? StatusCode.ERROR : StatusCode.UNSET,
      statusMessage: 'error' in tags ? String(tags.error) : '',
      attributes,
      resourceAttributes,
      scope: { name: '', version: '', attributes: {} },
      events: asArray(span.annotations, `${path}.annotations`).map((a, i) => {
        const annotation = asObject(a, `${path}.annotations[${i}]`);
        return { timeUnixNano: microsToNanos(annotation.timestamp, `${path}.annotations[${i}].timestamp`), name: asString(annotation.value), attributes: {}, droppedAttributesCount: 0 };
      }),
      links: [],
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
      host,
    };
  });
  splitSharedSpans(spans, shared);
  return spans;
}
