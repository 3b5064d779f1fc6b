// Zipkin v2 JSON (POST /api/v2/spans: an array of spans) → SpanRecord[]. Zipkin times are epoch
// MICROseconds (JSON numbers, exact below 2^53 for any plausible date) and become unix ns by × 1000 in bigint.
// Mapping onto the OTLP-shaped model: localEndpoint.serviceName → resource service.name (+ host.ip),
// kind → SpanKind, tags → string attributes, tag `error` → status ERROR with its value as message,
// annotations → events, remoteEndpoint → peer.service / net.peer.ip / net.peer.port attributes.
// 16-hex trace ids are left-padded to 32. Invalid spans are rejected one by one. Shared client/server spans
// (one id for both halves) are split, the server's children moved under the server half
// (split-shared-spans.ts).
import { setOwn, type AnyValue, type Attributes } from '../model/any-value';
import { hostIdentityFromResource } from '../model/host-identity';
import { isValidSpanId, isValidTraceId, normalizeTraceId } from '../model/ids';
import { SpanKind, StatusCode, type SpanRecord } from '../model/span';
import { OtlpDecodeError } from '../otlp/otlp-request';
import { Rejections } from '../otlp/otlp-rejections';
import { windowProblem, type IngestWindow } from '../model/ingest-window';
import { MAX_INT8 } from '../otlp/spans-from-otlp';
import { DEFAULT_STORAGE_LIMITS, Storable, withTruncationNote, type StorageLimits } from '../model/storable';
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

/** Largest exact microsecond count a JSON number carries (2^53 - 1). */
const MAX_MICROS = BigInt(Number.MAX_SAFE_INTEGER);

/** Times that no clock produces (`timestamp: 1e29`) make the whole body malformed: 400 naming the span. */
function checkRanges(z: Json, index: number): void {
  const ts = micros(z.timestamp);
  const duration = micros(z.duration);
  const outOfRange = (field: string) => new OtlpDecodeError(`Invalid Zipkin span [${index}]: ${field} out of range (at most ${MAX_MICROS} µs)`);
  if (ts !== null && ts > MAX_MICROS) throw outOfRange('timestamp');
  if (duration !== null && duration > MAX_MICROS) throw outOfRange('duration');
  if (ts !== null && duration !== null && (ts + duration) * 1000n > MAX_INT8) throw outOfRange('timestamp + duration');
  if (Array.isArray(z.annotations)) {
    z.annotations.forEach((a, i) => {
      const t = isObject(a) ? micros(a.timestamp) : null;
      if (t !== null && t > MAX_MICROS) throw outOfRange(`annotations[${i}].timestamp`);
    });
  }
}

function tagText(value: unknown, index: number, key: string): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    // Nesting deep enough to overflow the stack.
    throw new OtlpDecodeError(`Invalid Zipkin span [${index}]: tag "${key.slice(0, 100)}" is nested too deeply`);
  }
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

function toSpan(z: Json, index: number, tenant: string, clean: Storable): SpanRecord {
  const local = isObject(z.localEndpoint) ? z.localEndpoint : {};
  const remote = isObject(z.remoteEndpoint) ? z.remoteEndpoint : undefined;
  const notes: string[] = [];
  const serviceName = clean.name(text(local.serviceName) || 'unknown_service', 'resource.service.name', notes);
  const resource = clean.attributes({ 'service.name': { stringValue: serviceName }, ...endpointAttributes(local, 'local') }, 'resource.', notes);
  const raw: Attributes = {};
  const tags = isObject(z.tags) ? z.tags : {};
  for (const [key, value] of Object.entries(tags)) setOwn<AnyValue>(raw, key, { stringValue: tagText(value, index, key) });
  if (remote) Object.assign(raw, endpointAttributes(remote, 'peer'));
  const attributes = clean.attributes(raw, 'span.', notes);
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
    name: clean.name(text(z.name), 'name', notes),
    kind: ZIPKIN_KINDS[text(z.kind)] ?? SpanKind.UNSPECIFIED,
    serviceName,
    startTimeUnixNano: start,
    endTimeUnixNano: end,
    statusCode: error !== undefined ? StatusCode.ERROR : StatusCode.UNSET,
    statusMessage: typeof error === 'string' ? clean.text(error) : '',
    attributes: withTruncationNote(attributes, notes),
    resourceAttributes: resource,
    scope: { name: 'zipkin', version: '', attributes: {} },
    events: annotations.map((a) => ({
      timeUnixNano: (micros(a.timestamp) ?? 0n) * 1000n,
      name: clean.text(text(a.value)),
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

const V1_CORE_ANNOTATIONS = new Set(['cs', 'cr', 'sr', 'ss', 'ms', 'ws', 'wr', 'mr']);

/**
 * v1 marks: binaryAnnotations, annotations that carry their own endpoint, or — without v2's kind and
 * localEndpoint — v1's core annotations (cs, sr, ...), which is how v1 says what kind a span is.
 */
export function looksLikeZipkinV1(item: unknown): boolean {
  if (!isObject(item)) return false;
  if ('binaryAnnotations' in item) return true;
  if (!Array.isArray(item.annotations)) return false;
  if (item.annotations.some((a) => isObject(a) && 'endpoint' in a)) return true;
  return !('kind' in item) && !('localEndpoint' in item) && item.annotations.some((a) => isObject(a) && V1_CORE_ANNOTATIONS.has(text(a.value)));
}

export function parseZipkinArray(text: string, version: 'v1' | 'v2'): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new OtlpDecodeError(`Invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Array.isArray(value)) throw new OtlpDecodeError(`Zipkin ${version} body must be a JSON array of spans`);
  return value;
}

export function spansFromZipkin(text: string, tenant: string, limits: StorageLimits = DEFAULT_STORAGE_LIMITS, window?: IngestWindow): SpansFromZipkin {
  const value = parseZipkinArray(text, 'v2');
  // zipkin-transport-http encodes v1 by default; stored as v2 its spans would have no service (issue 20).
  const v1 = value.findIndex(looksLikeZipkinV1);
  if (v1 >= 0) {
    throw new OtlpDecodeError(`Span [${v1}] is Zipkin v1 JSON (binaryAnnotations or annotations with endpoints): send v1 to /api/v1/spans, or configure the client for JSON_V2`);
  }
  return spansFromZipkinValues(value, tenant, limits, window);
}

/** Zipkin v2 span objects (parsed, or converted from v1) → span records. */
export function spansFromZipkinValues(value: readonly unknown[], tenant: string, limits: StorageLimits = DEFAULT_STORAGE_LIMITS, window?: IngestWindow): SpansFromZipkin {
  const spans: SpanRecord[] = [];
  const shared = new Set<number>();
  const rejections = new Rejections();
  const clean = new Storable(limits);
  value.forEach((item: unknown, index) => {
    if (!isObject(item)) {
      rejections.add('not an object');
      return;
    }
    checkRanges(item, index);
    const problem = spanProblem(item);
    if (problem) {
      rejections.add(problem);
      return;
    }
    const span = toSpan(item, index, tenant, clean);
    const outside = windowProblem(span.startTimeUnixNano, window);
    if (outside) {
      rejections.add(outside);
      return;
    }
    if (item.shared === true) shared.add(spans.length);
    spans.push(span);
  });
  splitSharedSpans(spans, shared);
  return { spans, rejected: rejections.count, errorMessage: rejections.message() };
}
