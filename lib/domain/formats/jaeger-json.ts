// Reads a Jaeger JSON trace file ({"data":[{traceID, spans, processes}]}, as the Jaeger UI and query API
// export it) into SpanRecords. Times are microseconds. The parent is the first CHILD_OF reference (else the
// first FOLLOWS_FROM); any other references become links. Kind comes from the span.kind tag; the error tag or
// otel.status_code=ERROR marks an error. The process's tags give the host (host.id, host.ip / ip,
// host.name / hostname) and become resource attributes.
import type { AnyValue, Attributes } from '../model/any-value';
import { hostIdentityFromResource } from '../model/host-identity';
import { DEFAULT_TENANT, SpanKind, StatusCode, type SpanLink, type SpanRecord } from '../model/span';
import { asArray, asObject, asString, decodeId, decodeOptionalId, microsToNanos } from './decode-fields';
import { TraceFormatError } from './format-error';

const KINDS: Record<string, SpanKind> = {
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
  internal: SpanKind.INTERNAL,
};

export function parseJaegerJson(input: unknown, tenant = DEFAULT_TENANT): SpanRecord[] {
  const root = asObject(input, 'file');
  if (!Array.isArray(root.data)) throw new TraceFormatError('file: missing "data" array');
  const out: SpanRecord[] = [];
  root.data.forEach((traceValue, t) => {
    const trace = asObject(traceValue, `data[${t}]`);
    const processes = trace.processes === undefined ? {} : asObject(trace.processes, `data[${t}].processes`);
    const resources = new Map<string, { serviceName: string; attributes: Attributes; host: SpanRecord['host'] }>();
    for (const [id, value] of Object.entries(processes)) {
      const jaegerProcess = asObject(value, `data[${t}].processes.${id}`);
      const serviceName = asString(jaegerProcess.serviceName, 'unknown_service');
      const attributes = tagsToAttributes(jaegerProcess.tags, `data[${t}].processes.${id}.tags`);
      attributes['service.name'] = { stringValue: serviceName };
      aliasHostTags(attributes);
      resources.set(id, { serviceName, attributes, host: hostIdentityFromResource(attributes) });
    }
    asArray(trace.spans, `data[${t}].spans`).forEach((spanValue, k) => {
      const path = `data[${t}].spans[${k}]`;
      const span = asObject(spanValue, path);
      const resource = resources.get(asString(span.processID)) ?? {
        serviceName: 'unknown_service',
        attributes: {},
        host: { id: null, name: null, ip: null, serviceInstanceId: null },
      };
      const traceId = decodeId(span.traceID ?? trace.traceID, 16, `${path}.traceID`);
      const refs = asArray(span.references, `${path}.references`).map((r, i) => asObject(r, `${path}.references[${i}]`));
      const parentRef = refs.find((r) => r.refType === 'CHILD_OF') ?? refs.find((r) => r.refType === 'FOLLOWS_FROM');
      const attributes = tagsToAttributes(span.tags, `${path}.tags`);
      const kindTag = attributes['span.kind'];
      const kind = kindTag && 'stringValue' in kindTag ? (KINDS[kindTag.stringValue] ?? SpanKind.INTERNAL) : SpanKind.INTERNAL;
      const start = microsToNanos(span.startTime, `${path}.startTime`);
      const links: SpanLink[] = refs
        .filter((r) => r !== parentRef)
        .map((r, i) => ({
          traceId: decodeId(r.traceID ?? traceId, 16, `${path}.references[${i}].traceID`),
          spanId: decodeId(r.spanID, 8, `${path}.references[${i}].spanID`),
          traceState: '',
          attributes: {},
          droppedAttributesCount: 0,
          flags: 0,
        }));
      out.push({
        tenant,
        traceId,
        spanId: decodeId(span.spanID, 8, `${path}.spanID`),
        parentSpanId: parentRef ? decodeOptionalId(parentRef.spanID, 8, `${path}.references.spanID`) : null,
        traceState: '',
        flags: typeof span.flags === 'number' ? span.flags : 0,
        name: asString(span.operationName),
        kind,
        serviceName: resource.serviceName,
        startTimeUnixNano: start,
        endTimeUnixNano: span.duration === undefined || span.duration === null ? 0n : start + microsToNanos(span.duration, `${path}.duration`),
        statusCode: isError(attributes) ? StatusCode.ERROR : StatusCode.UNSET,
        statusMessage: text(attributes['otel.status_description']),
        attributes,
        resourceAttributes: resource.attributes,
        scope: { name: text(attributes['otel.library.name'] ?? attributes['otel.scope.name']), version: '', attributes: {} },
        events: asArray(span.logs, `${path}.logs`).map((l, i) => {
          const log = asObject(l, `${path}.logs[${i}]`);
          const fields = tagsToAttributes(log.fields, `${path}.logs[${i}].fields`);
          return { timeUnixNano: microsToNanos(log.timestamp, `${path}.logs[${i}].timestamp`), name: text(fields.event) || 'log', attributes: fields, droppedAttributesCount: 0 };
        }),
        links,
        droppedAttributesCount: 0,
        droppedEventsCount: 0,
        droppedLinksCount: 0,
        host: resource.host,
      });
    });
  });
  return out;
}

function tagsToAttributes(value: unknown, field: string): Attributes {
  const out: Attributes = {};
  for (const [i, item] of asArray(value, field).entries()) {
    const tag = asObject(item, `${field}[${i}]`);
    out[asString(tag.key)] = tagValue(tag.type, tag.value);
  }
  return out;
}

function tagValue(type: unknown, value: unknown): AnyValue {
  if (type === 'bool' || typeof value === 'boolean') return { boolValue: value === true || value === 'true' };
  if (type === 'int64') return { intValue: String(value) };
  if (type === 'float64') return { doubleValue: Number(value) };
  if (type === 'binary') return { bytesValue: String(value) };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  return { stringValue: String(value ?? '') };
}

function aliasHostTags(attributes: Attributes): void {
  if (!attributes['host.name'] && attributes.hostname) attributes['host.name'] = attributes.hostname;
  if (!attributes['host.ip'] && attributes.ip) attributes['host.ip'] = attributes.ip;
}

function isError(attributes: Attributes): boolean {
  const error = attributes.error;
  if (error && (('boolValue' in error && error.boolValue) || ('stringValue' in error && error.stringValue === 'true'))) return true;
  return text(attributes['otel.status_code']) === 'ERROR';
}

function text(value: AnyValue | undefined): string {
  return value && 'stringValue' in value ? value.stringValue : '';
}
