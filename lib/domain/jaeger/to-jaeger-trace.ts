// SpanRecords of one trace → a Jaeger trace. Processes are deduplicated by (service, resource attributes)
// and numbered p1, p2... in order of first appearance; span kind, status and events become the tags and
// logs Jaeger clients expect (span.kind, otel.status_code, error=true, logs with an "event" field).
import { anyValueToText, type AnyValue, type Attributes } from '../model/any-value';
import { SpanKind, StatusCode, type SpanRecord } from '../model/span';
import type { JaegerProcess, JaegerReference, JaegerSpan, JaegerTag, JaegerTrace } from './jaeger-types';

const KIND_NAMES: Record<number, string | undefined> = {
  [SpanKind.SERVER]: 'server',
  [SpanKind.CLIENT]: 'client',
  [SpanKind.PRODUCER]: 'producer',
  [SpanKind.CONSUMER]: 'consumer',
  [SpanKind.INTERNAL]: 'internal',
};

/** Unix nanoseconds → whole microseconds as a JS number (safe: µs since 1970 stay below 2^53 until year 2255). */
export function nsToMicros(ns: bigint): number {
  return Number(ns / 1_000n);
}

export function anyValueToTag(key: string, value: AnyValue): JaegerTag {
  if ('stringValue' in value) return { key, type: 'string', value: value.stringValue };
  if ('boolValue' in value) return { key, type: 'bool', value: value.boolValue };
  if ('intValue' in value) {
    const n = Number(value.intValue);
    return Number.isSafeInteger(n) ? { key, type: 'int64', value: n } : { key, type: 'string', value: value.intValue };
  }
  if ('doubleValue' in value) return { key, type: 'float64', value: value.doubleValue };
  if ('bytesValue' in value) return { key, type: 'binary', value: value.bytesValue };
  return { key, type: 'string', value: anyValueToText(value) };
}

export function attributesToTags(attributes: Attributes, skip: ReadonlySet<string> = new Set()): JaegerTag[] {
  return Object.entries(attributes)
    .filter(([key]) => !skip.has(key))
    .map(([key, value]) => anyValueToTag(key, value));
}

const SERVICE_NAME_KEY = new Set(['service.name']);

function spanTags(span: SpanRecord): JaegerTag[] {
  const tags = attributesToTags(span.attributes);
  const kind = KIND_NAMES[span.kind];
  if (kind) tags.push({ key: 'span.kind', type: 'string', value: kind });
  if (span.statusCode === StatusCode.ERROR) {
    tags.push({ key: 'otel.status_code', type: 'string', value: 'ERROR' }, { key: 'error', type: 'bool', value: true });
    if (span.statusMessage) tags.push({ key: 'otel.status_description', type: 'string', value: span.statusMessage });
  } else if (span.statusCode === StatusCode.OK) {
    tags.push({ key: 'otel.status_code', type: 'string', value: 'OK' });
  }
  if (span.scope.name) tags.push({ key: 'otel.scope.name', type: 'string', value: span.scope.name });
  return tags;
}

function references(span: SpanRecord): JaegerReference[] {
  const refs: JaegerReference[] = [];
  if (span.parentSpanId) refs.push({ refType: 'CHILD_OF', traceID: span.traceId, spanID: span.parentSpanId });
  for (const link of span.links) refs.push({ refType: 'FOLLOWS_FROM', traceID: link.traceId, spanID: link.spanId });
  return refs;
}

/** Numbers processes p1, p2… by (service, resource attributes) in order of first appearance. */
export class JaegerProcessTable {
  readonly processes: Record<string, JaegerProcess> = {};
  private readonly ids = new Map<string, string>();

  idOf(span: SpanRecord): string {
    const key = JSON.stringify([span.serviceName, span.resourceAttributes]);
    let id = this.ids.get(key);
    if (!id) {
      id = `p${this.ids.size + 1}`;
      this.ids.set(key, id);
      this.processes[id] = { serviceName: span.serviceName, tags: attributesToTags(span.resourceAttributes, SERVICE_NAME_KEY) };
    }
    return id;
  }
}

export function toJaegerSpan(span: SpanRecord, processID: string): JaegerSpan {
  return {
    traceID: span.traceId,
    spanID: span.spanId,
    operationName: span.name,
    references: references(span),
    flags: span.flags,
    startTime: nsToMicros(span.startTimeUnixNano),
    duration: nsToMicros(span.endTimeUnixNano - span.startTimeUnixNano),
    tags: spanTags(span),
    logs: span.events.map((e) => ({
      timestamp: nsToMicros(e.timeUnixNano),
      fields: [{ key: 'event', type: 'string', value: e.name }, ...attributesToTags(e.attributes)],
    })),
    processID,
    warnings: null,
  };
}

export function toJaegerTrace(traceId: string, spans: readonly SpanRecord[]): JaegerTrace {
  const table = new JaegerProcessTable();
  const out = spans.map((span) => toJaegerSpan({ ...span, traceId }, table.idOf(span)));
  return { traceID: traceId, spans: out, processes: table.processes, warnings: null };
}
