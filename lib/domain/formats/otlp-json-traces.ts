// Reads an OTLP/JSON ExportTraceServiceRequest ({"resourceSpans":[...]}) into SpanRecords.
// Follows the OTLP JSON mapping: ids are hex (base64 accepted too), int64 fields are decimal strings (numbers
// accepted), enums are numbers (names such as "SPAN_KIND_SERVER" accepted), and the legacy
// instrumentationLibrarySpans key is read as scopeSpans. Attribute values keep their OTLP JSON shape, with
// intValue normalised to a string. A missing end time becomes 0n: the span never finished.
// Spans of one resource share one HostIdentity object (the analysis engine caches by it).
import { attributesFromKeyValues, type AnyValue, type KeyValue } from '../model/any-value';
import { hostIdentityFromResource } from '../model/host-identity';
import { SPAN_KIND_NAMES, STATUS_CODE_NAMES } from '../otlp/otlp-enum-names';
import { DEFAULT_TENANT, SpanKind, StatusCode, type SpanRecord } from '../model/span';
import { asArray, asNumber, asObject, asString, decodeId, decodeInt64, decodeOptionalId, decodeOptionalInt64 } from './decode-fields';
import { TraceFormatError } from './format-error';

export function parseOtlpJsonTraces(input: unknown, tenant = DEFAULT_TENANT): SpanRecord[] {
  const root = asObject(input, 'request');
  if (!('resourceSpans' in root)) throw new TraceFormatError('request: missing "resourceSpans"');
  const out: SpanRecord[] = [];
  asArray(root.resourceSpans, 'resourceSpans').forEach((rsValue, r) => {
    const rs = asObject(rsValue, `resourceSpans[${r}]`);
    const resource = rs.resource === undefined ? {} : asObject(rs.resource, `resourceSpans[${r}].resource`);
    const resourceAttributes = decodeAttributes(resource.attributes, `resourceSpans[${r}].resource.attributes`);
    const host = hostIdentityFromResource(resourceAttributes);
    const serviceValue = resourceAttributes['service.name'];
    const serviceName = serviceValue && 'stringValue' in serviceValue ? serviceValue.stringValue : 'unknown_service';
    const scopeGroups = rs.scopeSpans ?? rs.instrumentationLibrarySpans;
    asArray(scopeGroups, `resourceSpans[${r}].scopeSpans`).forEach((ssValue, s) => {
      const path = `resourceSpans[${r}].scopeSpans[${s}]`;
      const ss = asObject(ssValue, path);
      const scopeValue = ss.scope ?? ss.instrumentationLibrary;
      const scopeObject = scopeValue === undefined ? {} : asObject(scopeValue, `${path}.scope`);
      const scope = {
        name: asString(scopeObject.name),
        version: asString(scopeObject.version),
        attributes: decodeAttributes(scopeObject.attributes, `${path}.scope.attributes`),
      };
      asArray(ss.spans, `${path}.spans`).forEach((spanValue, k) => {
        out.push(decodeSpan(asObject(spanValue, `${path}.spans[${k}]`), `${path}.spans[${k}]`, { tenant, host, serviceName, resourceAttributes, scope }));
      });
    });
  });
  return out;
}

interface SpanContext {
  tenant: string;
  host: SpanRecord['host'];
  serviceName: string;
  resourceAttributes: SpanRecord['resourceAttributes'];
  scope: SpanRecord['scope'];
}

function decodeSpan(span: Record<string, unknown>, path: string, ctx: SpanContext): SpanRecord {
  const status = span.status === undefined ? {} : asObject(span.status, `${path}.status`);
  const start = decodeInt64(span.startTimeUnixNano, `${path}.startTimeUnixNano`);
  const end = decodeOptionalInt64(span.endTimeUnixNano, `${path}.endTimeUnixNano`) ?? 0n;
  return {
    tenant: ctx.tenant,
    traceId: decodeId(span.traceId, 16, `${path}.traceId`),
    spanId: decodeId(span.spanId, 8, `${path}.spanId`),
    parentSpanId: decodeOptionalId(span.parentSpanId, 8, `${path}.parentSpanId`),
    traceState: asString(span.traceState),
    flags: asNumber(span.flags),
    name: asString(span.name),
    kind: decodeEnum(span.kind, SPAN_KIND_NAMES, 5, `${path}.kind`) as SpanKind,
    serviceName: ctx.serviceName,
    startTimeUnixNano: start,
    endTimeUnixNano: end,
    statusCode: decodeEnum(status.code, STATUS_CODE_NAMES, 2, `${path}.status.code`) as StatusCode,
    statusMessage: asString(status.message),
    attributes: decodeAttributes(span.attributes, `${path}.attributes`),
    resourceAttributes: ctx.resourceAttributes,
    scope: ctx.scope,
    events: asArray(span.events, `${path}.events`).map((value, e) => {
      const event = asObject(value, `${path}.events[${e}]`);
      return {
        timeUnixNano: decodeInt64(event.timeUnixNano, `${path}.events[${e}].timeUnixNano`),
        name: asString(event.name),
        attributes: decodeAttributes(event.attributes, `${path}.events[${e}].attributes`),
        droppedAttributesCount: asNumber(event.droppedAttributesCount),
      };
    }),
    links: asArray(span.links, `${path}.links`).map((value, l) => {
      const link = asObject(value, `${path}.links[${l}]`);
      return {
        traceId: decodeId(link.traceId, 16, `${path}.links[${l}].traceId`),
        spanId: decodeId(link.spanId, 8, `${path}.links[${l}].spanId`),
        traceState: asString(link.traceState),
        attributes: decodeAttributes(link.attributes, `${path}.links[${l}].attributes`),
        droppedAttributesCount: asNumber(link.droppedAttributesCount),
        flags: asNumber(link.flags),
      };
    }),
    droppedAttributesCount: asNumber(span.droppedAttributesCount),
    droppedEventsCount: asNumber(span.droppedEventsCount),
    droppedLinksCount: asNumber(span.droppedLinksCount),
    host: ctx.host,
  };
}

function decodeEnum(value: unknown, names: Record<string, number>, max: number, field: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max) return value;
  if (typeof value === 'string' && value in names) return names[value]!;
  throw new TraceFormatError(`${field}: unknown value ${JSON.stringify(value)}`);
}

function decodeAttributes(value: unknown, field: string): SpanRecord['attributes'] {
  const list = asArray(value, field).map((item, i): KeyValue => {
    const kv = asObject(item, `${field}[${i}]`);
    return { key: asString(kv.key), value: decodeAnyValue(kv.value) };
  });
  return attributesFromKeyValues(list);
}

function decodeAnyValue(value: unknown): AnyValue {
  if (typeof value !== 'object' || value === null) return {};
  const v = value as Record<string, unknown>;
  if ('stringValue' in v) return { stringValue: asString(v.stringValue) };
  if ('boolValue' in v) return { boolValue: v.boolValue === true };
  if ('intValue' in v) return { intValue: String(v.intValue) };
  if ('doubleValue' in v) return { doubleValue: Number(v.doubleValue) };
  if ('bytesValue' in v) return { bytesValue: asString(v.bytesValue) };
  if ('arrayValue' in v) {
    const values = (v.arrayValue as { values?: unknown } | null)?.values;
    return { arrayValue: { values: Array.isArray(values) ? values.map(decodeAnyValue) : [] } };
  }
  if ('kvlistValue' in v) {
    const values = (v.kvlistValue as { values?: unknown } | null)?.values;
    const list = Array.isArray(values) ? values : [];
    return { kvlistValue: { values: list.map((kv) => ({ key: asString((kv as { key?: unknown })?.key), value: decodeAnyValue((kv as { value?: unknown })?.value) })) } };
  }
  return {};
}
