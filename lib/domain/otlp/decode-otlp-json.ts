// OTLP/HTTP JSON bodies → OtlpTraceRequest / OtlpLogsRequest, following the OTLP JSON mapping: trace and
// span ids are HEX strings (not protobuf-JSON's base64), int64 fields may be strings or numbers, enums are
// integers (enum names are accepted too), field names are lowerCamelCase, unknown fields are ignored.
// A body that is not JSON or whose structure is wrong (e.g. resourceSpans is not an array) throws
// OtlpDecodeError; per-item problems (bad ids, times) are left for the domain mapping to reject.
import { setOwn, type AnyValue, type Attributes } from '../model/any-value';
import type { InstrumentationScope, SpanEvent, SpanLink } from '../model/span';
import { SPAN_KIND_NAMES, STATUS_CODE_NAMES } from './otlp-enum-names';
import { MAX_ANY_VALUE_DEPTH, OtlpDecodeError, type OtlpLogRecord, type OtlpLogsRequest, type OtlpSpan, type OtlpTraceRequest } from './otlp-request';
import { jsonFieldReaders, type Json } from './json-field-readers';

const readers = jsonFieldReaders('OTLP JSON');
// Annotated, so the compiler knows code after a fail(...) call is unreachable.
const fail: (path: string, why: string) => never = readers.fail;
const { obj, arr, str, int64 } = readers;

// SEVERITY_NUMBER_TRACE = 1, TRACE2..4, DEBUG = 5, ... FATAL4 = 24.
const SEVERITY_NAMES: Record<string, number> = Object.fromEntries(
  ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'].flatMap((level, i) => [1, 2, 3, 4].map((n) => [`SEVERITY_NUMBER_${level}${n === 1 ? '' : n}`, i * 4 + n])),
);

function uint(value: unknown, path: string): number {
  if (value === undefined || value === null) return 0;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) fail(path, 'expected a non-negative integer');
  return n;
}

function enumValue(value: unknown, names: Record<string, number>, path: string): number {
  if (typeof value === 'string' && value in names) return names[value] as number;
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(path, 'expected an enum integer');
  return value;
}

function hexId(value: unknown, path: string): string {
  // Lowercased; invalid characters or lengths are caught per item by the domain mapping.
  return str(value, path).toLowerCase();
}

function anyValue(value: unknown, path: string, depth = 0): AnyValue {
  if (depth > MAX_ANY_VALUE_DEPTH) fail(path, `values nested deeper than ${MAX_ANY_VALUE_DEPTH} levels`);
  const v = obj(value, path);
  if ('stringValue' in v) return { stringValue: str(v.stringValue, `${path}.stringValue`) };
  if ('boolValue' in v) {
    if (typeof v.boolValue !== 'boolean') fail(`${path}.boolValue`, 'expected a boolean');
    return { boolValue: v.boolValue };
  }
  if ('intValue' in v) return { intValue: int64(v.intValue, `${path}.intValue`).toString() };
  if ('doubleValue' in v) {
    const d = typeof v.doubleValue === 'string' ? Number(v.doubleValue) : v.doubleValue;
    if (typeof d !== 'number') fail(`${path}.doubleValue`, 'expected a number');
    return { doubleValue: d };
  }
  if ('bytesValue' in v) return { bytesValue: str(v.bytesValue, `${path}.bytesValue`) };
  if ('arrayValue' in v) {
    const values = arr(obj(v.arrayValue, `${path}.arrayValue`).values, `${path}.arrayValue.values`);
    return { arrayValue: { values: values.map((x, i) => anyValue(x, `${path}.arrayValue.values[${i}]`, depth + 1)) } };
  }
  if ('kvlistValue' in v) {
    const values = arr(obj(v.kvlistValue, `${path}.kvlistValue`).values, `${path}.kvlistValue.values`);
    return {
      kvlistValue: {
        values: values.map((x, i) => {
          const kv = obj(x, `${path}.kvlistValue.values[${i}]`);
          return { key: str(kv.key, `${path}.kvlistValue.values[${i}].key`), value: anyValue(kv.value, `${path}.kvlistValue.values[${i}].value`, depth + 1) };
        }),
      },
    };
  }
  return {};
}

/** OTLP JSON KeyValue list → Attributes (also used for metrics, whose protobuf form is walked as JSON). */
export function attributesFromOtlpJson(value: unknown, path: string): Attributes {
  const out: Attributes = {};
  arr(value, path).forEach((x, i) => {
    const kv = obj(x, `${path}[${i}]`);
    setOwn(out, str(kv.key, `${path}[${i}].key`), anyValue(kv.value, `${path}[${i}].value`));
  });
  return out;
}

function scope(value: unknown, path: string): InstrumentationScope {
  const s = obj(value, path);
  return { name: str(s.name, `${path}.name`), version: str(s.version, `${path}.version`), attributes: attributesFromOtlpJson(s.attributes, `${path}.attributes`) };
}

function span(value: unknown, p: string): OtlpSpan {
  const s = obj(value, p);
  const status = obj(s.status, `${p}.status`);
  const events: SpanEvent[] = arr(s.events, `${p}.events`).map((x, i) => {
    const e = obj(x, `${p}.events[${i}]`);
    return {
      timeUnixNano: int64(e.timeUnixNano, `${p}.events[${i}].timeUnixNano`),
      name: str(e.name, `${p}.events[${i}].name`),
      attributes: attributesFromOtlpJson(e.attributes, `${p}.events[${i}].attributes`),
      droppedAttributesCount: uint(e.droppedAttributesCount, `${p}.events[${i}].droppedAttributesCount`),
    };
  });
  const links: SpanLink[] = arr(s.links, `${p}.links`).map((x, i) => {
    const l = obj(x, `${p}.links[${i}]`);
    return {
      traceId: hexId(l.traceId, `${p}.links[${i}].traceId`),
      spanId: hexId(l.spanId, `${p}.links[${i}].spanId`),
      traceState: str(l.traceState, `${p}.links[${i}].traceState`),
      attributes: attributesFromOtlpJson(l.attributes, `${p}.links[${i}].attributes`),
      droppedAttributesCount: uint(l.droppedAttributesCount, `${p}.links[${i}].droppedAttributesCount`),
      flags: uint(l.flags, `${p}.links[${i}].flags`),
    };
  });
  return {
    traceId: hexId(s.traceId, `${p}.traceId`),
    spanId: hexId(s.spanId, `${p}.spanId`),
    parentSpanId: hexId(s.parentSpanId, `${p}.parentSpanId`),
    traceState: str(s.traceState, `${p}.traceState`),
    flags: uint(s.flags, `${p}.flags`),
    name: str(s.name, `${p}.name`),
    kind: enumValue(s.kind, SPAN_KIND_NAMES, `${p}.kind`),
    startTimeUnixNano: int64(s.startTimeUnixNano, `${p}.startTimeUnixNano`),
    endTimeUnixNano: int64(s.endTimeUnixNano, `${p}.endTimeUnixNano`),
    attributes: attributesFromOtlpJson(s.attributes, `${p}.attributes`),
    droppedAttributesCount: uint(s.droppedAttributesCount, `${p}.droppedAttributesCount`),
    events,
    droppedEventsCount: uint(s.droppedEventsCount, `${p}.droppedEventsCount`),
    links,
    droppedLinksCount: uint(s.droppedLinksCount, `${p}.droppedLinksCount`),
    statusCode: enumValue(status.code, STATUS_CODE_NAMES, `${p}.status.code`),
    statusMessage: str(status.message, `${p}.status.message`),
  };
}

function parse(text: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new OtlpDecodeError(`Invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('$', 'expected an object');
  return value as Json;
}

export function decodeOtlpTraceJson(text: string): OtlpTraceRequest {
  const root = parse(text);
  return {
    resourceSpans: arr(root.resourceSpans, 'resourceSpans').map((x, i) => {
      const rs = obj(x, `resourceSpans[${i}]`);
      const resource = obj(rs.resource, `resourceSpans[${i}].resource`);
      return {
        resource: attributesFromOtlpJson(resource.attributes, `resourceSpans[${i}].resource.attributes`),
        scopeSpans: arr(rs.scopeSpans, `resourceSpans[${i}].scopeSpans`).map((y, j) => {
          const ss = obj(y, `resourceSpans[${i}].scopeSpans[${j}]`);
          const p = `resourceSpans[${i}].scopeSpans[${j}]`;
          return { scope: scope(ss.scope, `${p}.scope`), spans: arr(ss.spans, `${p}.spans`).map((z, k) => span(z, `${p}.spans[${k}]`)) };
        }),
      };
    }),
  };
}

function logRecord(value: unknown, p: string): OtlpLogRecord {
  const r = obj(value, p);
  return {
    timeUnixNano: int64(r.timeUnixNano, `${p}.timeUnixNano`),
    observedTimeUnixNano: int64(r.observedTimeUnixNano, `${p}.observedTimeUnixNano`),
    severityNumber: enumValue(r.severityNumber, SEVERITY_NAMES, `${p}.severityNumber`),
    severityText: str(r.severityText, `${p}.severityText`),
    body: r.body === undefined || r.body === null ? undefined : anyValue(r.body, `${p}.body`),
    attributes: attributesFromOtlpJson(r.attributes, `${p}.attributes`),
    traceId: hexId(r.traceId, `${p}.traceId`),
    spanId: hexId(r.spanId, `${p}.spanId`),
    flags: uint(r.flags, `${p}.flags`),
    eventName: str(r.eventName, `${p}.eventName`),
  };
}

export function decodeOtlpLogsJson(text: string): OtlpLogsRequest {
  const root = parse(text);
  return {
    resourceLogs: arr(root.resourceLogs, 'resourceLogs').map((x, i) => {
      const rl = obj(x, `resourceLogs[${i}]`);
      const resource = obj(rl.resource, `resourceLogs[${i}].resource`);
      return {
        resource: attributesFromOtlpJson(resource.attributes, `resourceLogs[${i}].resource.attributes`),
        scopeLogs: arr(rl.scopeLogs, `resourceLogs[${i}].scopeLogs`).map((y, j) => {
          const sl = obj(y, `resourceLogs[${i}].scopeLogs[${j}]`);
          const p = `resourceLogs[${i}].scopeLogs[${j}]`;
          return { scope: scope(sl.scope, `${p}.scope`), logRecords: arr(sl.logRecords, `${p}.logRecords`).map((z, k) => logRecord(z, `${p}.logRecords[${k}]`)) };
        }),
      };
    }),
  };
}
