// Zipkin v2 JSON (POST /api/v2/spans: an array of spans) → SpanRecord[]. Zipkin times are epoch
// MICROseconds (JSON numbers, exact below 2^53 for any plausible date) and become unix ns by × 1000 in bigint.
// Mapping onto the OTLP-shaped model: localEndpoint.serviceName → resource service.name (+ host.ip),
// kind → SpanKind, tags → string attributes, tag `error` → status ERROR with its value as message,
// annotations → events, remoteEndpoint → peer.service / net.peer.ip / net.peer.port attributes.
// 16-hex trace ids are left-padded to 32. Invalid spans are rejected one by one. Shared client/server spans
// (one id for both halves) are split, the server's children moved under the server half
// (split-shared-spans.ts).
import type { Attributes } from '../model/any-value';
import { hostIdentityFromResource } from '../model/host-identity';
import { isValidSpanId, isValidTraceId, normalizeTraceId } from '../model/ids';
import { SpanKind, StatusCode, type SpanRecord } from '../model/span';
import { OtlpDecodeError } from '../otlp/otlp-request';
import { Rejections } from '../otlp/otlp-rejections';
import { ZIPKIN_KINDS } from './zipkin-kinds';
import { splitSharedSpans } from './split-shared-spans';


export interface SpansFromZipkin {
  spans: SpanRecord[];
  rejected: number;
  errorMessage: string;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function micros(v: unknown): bigint | null {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return BigInt(v);
  if (typeof v === 'string' && /^\d+$/.test(v)) return BigInt(v);
  return null;
}

function endpointAttributes(endpoint: Json, prefix: 'peer' | 'local'): Attributes {
  const out: Attributes = {};
  if (prefix === 'peer') {
    if (typeof endpoint.serviceName === 'string') out['peer.service'] = { stringValue: endpoint.serviceName };
    const ip = text(endpoint.ipv4) || text(endpoint.ipv6);
    if (ip) out['net.peer.ip'] = { stringValue: ip };
    if (typeof endpoint.port === 'number') out['net.peer.port'] = { intValue: String(endpoint.port) };
  } else {
    const ip = text(endpoint.ipv4) || text(endpoint.ipv6);
    if (ip) out['host.ip'] = { stringValue: ip };
  }
  return out;
}

function spanProblem(z: Json): string | null {
  if (!isValidTraceId(normalizeTraceId(text(z.traceId)))) return 'invalid trace id';
  if (!isValidSpanId(text(z.id).toLowerCase())) return 'invalid span id';
  if (z.parentId !== undefined && z.parentId !== null && !isValidSpanId(text(z.parentId).toLowerCase())) return 'invalid parent span id';
  const ts = micros(z.timestamp);
  if (ts === null || ts === 0n) return 'missing timestamp';
  if (z.duration !== undefined && micros(z.duration) === null) return 'invalid duration';
  return null;
}

function toSpan(z: Json, tenant: string): SpanRecord {
  const local = isObject(z.localEndpoint) ? z.localEndpoint : {};
  const remote = isObject(z.remoteEndpoint) ? z.remoteEndpoint : undefined;
  const serviceName = text(local.serviceName) || 'unknown_service';
  const resource: Attributes = { 'service.name': { stringValue: serviceName }, ...endpointAttributes(local, 'local') };
  const attributes: Attributes = {};
  const tags = isObject(z.tags) ? z.tags : {};
  for (const [key, value] of Object.entries(tags)) attributes[key] = { stringValue: typeof value === 'string' ? value : JSON.stringify(value) };
  if (remote) Object.assign(attributes, endpointAttributes(remote, 'peer'));
  const start = (micros(z.timestamp) ?? 0n) * 1000n;
  const end = start + (micros(z.duration) ?? 0n) * 1000n;
  const error = tags.error;
  const annotations = Array.isArray(z.annotations) ? z.annotations.filter(isObject) : [];
  return {
    tenant,
    traceId: normalizeTraceId(text(z.traceId)),
    spanId: text(z.id).toLowerCase(),
    parentSpanId: typeof z.parentId === 'string' && z.parentId !== '' ? z.parentId.toLowerCase() : null,
    traceState: '',
    flags: z.debug === true ? 1 : 0,
    name: text(z.name),
    kind: ZIPKIN_KINDS[text(z.kind)] ?? SpanKind.UNSPECIFIED,
    serviceName,
    startTimeUnixNano: start,
    endTimeUnixNano: end,
    statusCode: error !== undefined ? StatusCode.ERROR : StatusCode.UNSET,
    statusMessage: typeof error === 'string' ? error : '',
    attributes,
    resourceAttributes: resource,
    scope: { name: 'zipkin', version: '', attributes: {} },
    events: annotations.map((a) => ({
      timeUnixNano: (micros(a.timestamp) ?? 0n) * 1000n,
      name: text(a.value),
      attributes: {},
      droppedAttributesCount: 0,
    })),
    links: [],
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
    host: hostIdentityFromResource(resource),
  };
}

export function spansFromZipkin(text: string, tenant: string): SpansFromZipkin {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new OtlpDecodeError(`Invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Array.isArray(value)) throw new OtlpDecodeError('Zipkin v2 body must be a JSON array of spans');
  const spans: SpanRecord[] = [];
  const shared = new Set<number>();
  const rejections = new Rejections();
  for (const item of value) {
    if (!isObject(item)) {
      rejections.add('not an object');
      continue;
    }
    const problem = spanProblem(item);
    if (problem) rejections.add(problem);
    else {
      if (item.shared === true) shared.add(spans.length);
      spans.push(toSpan(item, tenant));
    }
  }
  splitSharedSpans(spans, shared);
  return { spans, rejected: rejections.count, errorMessage: rejections.message() };
}
