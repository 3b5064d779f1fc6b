// OTLP/HTTP protobuf bodies → OtlpTraceRequest / OtlpLogsRequest. protobufjs decodes into generated message
// objects; this module walks them once into the encoding-independent shape: bytes ids → hex, fixed64 → bigint
// (via Long's two 32-bit halves, never a JS number), int64 attribute values → decimal strings, bytes
// attribute values → base64 (the OTLP JSON mapping's forms, which is how attributes are stored).
import protobuf from 'protobufjs';
import type { AnyValue, Attributes } from '../model/any-value';
import type { InstrumentationScope, SpanEvent, SpanLink } from '../model/span';
import { hexOfBytes } from './hex';
import { OtlpProto } from './otlp-proto-schema';
import {
  OtlpDecodeError,
  type OtlpLogRecord,
  type OtlpLogsRequest,
  type OtlpResourceLogs,
  type OtlpResourceSpans,
  type OtlpSpan,
  type OtlpTraceRequest,
} from './otlp-request';

interface LongLike {
  low: number;
  high: number;
  unsigned?: boolean;
  toString(): string;
}
type Int64 = LongLike | number | null | undefined;

/* Decoded protobufjs messages, typed by the fields this module reads. */
interface PbAnyValue {
  value?: string;
  stringValue?: string;
  boolValue?: boolean;
  intValue?: Int64;
  doubleValue?: number;
  arrayValue?: { values?: PbAnyValue[] };
  kvlistValue?: { values?: PbKeyValue[] };
  bytesValue?: Uint8Array;
}
interface PbKeyValue {
  key?: string;
  value?: PbAnyValue;
}
interface PbScope {
  name?: string;
  version?: string;
  attributes?: PbKeyValue[];
}
interface PbResource {
  attributes?: PbKeyValue[];
}
interface PbSpan {
  traceId?: Uint8Array;
  spanId?: Uint8Array;
  traceState?: string;
  parentSpanId?: Uint8Array;
  flags?: number;
  name?: string;
  kind?: number;
  startTimeUnixNano?: Int64;
  endTimeUnixNano?: Int64;
  attributes?: PbKeyValue[];
  droppedAttributesCount?: number;
  events?: { timeUnixNano?: Int64; name?: string; attributes?: PbKeyValue[]; droppedAttributesCount?: number }[];
  droppedEventsCount?: number;
  links?: { traceId?: Uint8Array; spanId?: Uint8Array; traceState?: string; attributes?: PbKeyValue[]; droppedAttributesCount?: number; flags?: number }[];
  droppedLinksCount?: number;
  status?: { message?: string; code?: number };
}
interface PbTraceRequest {
  resourceSpans?: { resource?: PbResource; scopeSpans?: { scope?: PbScope; spans?: PbSpan[] }[] }[];
}
interface PbLogRecord {
  timeUnixNano?: Int64;
  observedTimeUnixNano?: Int64;
  severityNumber?: number;
  severityText?: string;
  body?: PbAnyValue;
  attributes?: PbKeyValue[];
  flags?: number;
  traceId?: Uint8Array;
  spanId?: Uint8Array;
  eventName?: string;
}
interface PbLogsRequest {
  resourceLogs?: { resource?: PbResource; scopeLogs?: { scope?: PbScope; logRecords?: PbLogRecord[] }[] }[];
}

export function uint64ToBigInt(value: Int64): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'number') return BigInt(value);
  return (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
}

function int64ToString(value: Int64): string {
  if (value === null || value === undefined) return '0';
  return typeof value === 'number' ? String(value) : value.toString();
}

function anyValue(v: PbAnyValue | undefined): AnyValue {
  if (!v) return {};
  switch (v.value) {
    case 'stringValue':
      return { stringValue: v.stringValue ?? '' };
    case 'boolValue':
      return { boolValue: v.boolValue ?? false };
    case 'intValue':
      return { intValue: int64ToString(v.intValue) };
    case 'doubleValue':
      return { doubleValue: v.doubleValue ?? 0 };
    case 'bytesValue': {
      const b = v.bytesValue ?? new Uint8Array();
      return { bytesValue: protobuf.util.base64.encode(b, 0, b.length) };
    }
    case 'arrayValue':
      return { arrayValue: { values: (v.arrayValue?.values ?? []).map(anyValue) } };
    case 'kvlistValue':
      return { kvlistValue: { values: (v.kvlistValue?.values ?? []).map((kv) => ({ key: kv.key ?? '', value: anyValue(kv.value) })) } };
    default:
      return {};
  }
}

function attributes(list: PbKeyValue[] | undefined): Attributes {
  const out: Attributes = {};
  if (list) for (const kv of list) out[kv.key ?? ''] = anyValue(kv.value);
  return out;
}

function hex(bytes: Uint8Array | undefined): string {
  return bytes ? hexOfBytes(bytes) : '';
}

function scope(s: PbScope | undefined): InstrumentationScope {
  return { name: s?.name ?? '', version: s?.version ?? '', attributes: attributes(s?.attributes) };
}

function span(s: PbSpan): OtlpSpan {
  const events: SpanEvent[] = (s.events ?? []).map((e) => ({
    timeUnixNano: uint64ToBigInt(e.timeUnixNano),
    name: e.name ?? '',
    attributes: attributes(e.attributes),
    droppedAttributesCount: e.droppedAttributesCount ?? 0,
  }));
  const links: SpanLink[] = (s.links ?? []).map((l) => ({
    traceId: hex(l.traceId),
    spanId: hex(l.spanId),
    traceState: l.traceState ?? '',
    attributes: attributes(l.attributes),
    droppedAttributesCount: l.droppedAttributesCount ?? 0,
    flags: l.flags ?? 0,
  }));
  return {
    traceId: hex(s.traceId),
    spanId: hex(s.spanId),
    parentSpanId: hex(s.parentSpanId),
    traceState: s.traceState ?? '',
    flags: s.flags ?? 0,
    name: s.name ?? '',
    kind: s.kind ?? 0,
    startTimeUnixNano: uint64ToBigInt(s.startTimeUnixNano),
    endTimeUnixNano: uint64ToBigInt(s.endTimeUnixNano),
    attributes: attributes(s.attributes),
    droppedAttributesCount: s.droppedAttributesCount ?? 0,
    events,
    droppedEventsCount: s.droppedEventsCount ?? 0,
    links,
    droppedLinksCount: s.droppedLinksCount ?? 0,
    statusCode: s.status?.code ?? 0,
    statusMessage: s.status?.message ?? '',
  };
}

function decode<T>(type: protobuf.Type, body: Uint8Array, what: string): T {
  try {
    return type.decode(body) as unknown as T;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new OtlpDecodeError(`Cannot decode protobuf ${what}: ${reason}`);
  }
}

export function decodeOtlpTraceProto(body: Uint8Array): OtlpTraceRequest {
  const message = decode<PbTraceRequest>(OtlpProto.ExportTraceServiceRequest, body, 'ExportTraceServiceRequest');
  const resourceSpans: OtlpResourceSpans[] = (message.resourceSpans ?? []).map((rs) => ({
    resource: attributes(rs.resource?.attributes),
    scopeSpans: (rs.scopeSpans ?? []).map((ss) => ({ scope: scope(ss.scope), spans: (ss.spans ?? []).map(span) })),
  }));
  return { resourceSpans };
}

function logRecord(r: PbLogRecord): OtlpLogRecord {
  return {
    timeUnixNano: uint64ToBigInt(r.timeUnixNano),
    observedTimeUnixNano: uint64ToBigInt(r.observedTimeUnixNano),
    severityNumber: r.severityNumber ?? 0,
    severityText: r.severityText ?? '',
    body: r.body ? anyValue(r.body) : undefined,
    attributes: attributes(r.attributes),
    traceId: hex(r.traceId),
    spanId: hex(r.spanId),
    flags: r.flags ?? 0,
    eventName: r.eventName ?? '',
  };
}

export function decodeOtlpLogsProto(body: Uint8Array): OtlpLogsRequest {
  const message = decode<PbLogsRequest>(OtlpProto.ExportLogsServiceRequest, body, 'ExportLogsServiceRequest');
  const resourceLogs: OtlpResourceLogs[] = (message.resourceLogs ?? []).map((rl) => ({
    resource: attributes(rl.resource?.attributes),
    scopeLogs: (rl.scopeLogs ?? []).map((sl) => ({ scope: scope(sl.scope), logRecords: (sl.logRecords ?? []).map(logRecord) })),
  }));
  return { resourceLogs };
}
