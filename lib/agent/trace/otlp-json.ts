// OTLP/HTTP JSON of the agent's own spans, written straight to a string. The SDK's exporter first builds an
// object tree per span (createExportTraceServiceRequest), then JSON.stringify, then a TextEncoder pass; at one
// span per proxied request that was a visible share of the agent's CPU when traced (issue 13). This writes the
// same JSON (field for field, same omissions; agent-tracer.test.ts compares it with the SDK's
// JsonTraceSerializer) for the spans the agent records: one resource and one instrumentation scope per tracer,
// no events.
import type { AttributeValue, Attributes, HrTime, Link } from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

const HAS_IS_REMOTE = 0x100;
const IS_REMOTE = 0x200;

function anyValue(value: AttributeValue | undefined | null): string {
  switch (typeof value) {
    case 'string':
      return `{"stringValue":${JSON.stringify(value)}}`;
    case 'number':
      // JSON has no NaN/Infinity: JSON.stringify writes null there, as it does for the SDK's object.
      return Number.isInteger(value) ? `{"intValue":${value}}` : `{"doubleValue":${JSON.stringify(value)}}`;
    case 'boolean':
      return `{"boolValue":${value}}`;
    default:
      if (Array.isArray(value)) return `{"arrayValue":{"values":[${value.map((v) => anyValue(v)).join(',')}]}}`;
      return '{}';
  }
}

function attributes(attrs: Attributes): string {
  let out = '';
  for (const key in attrs) out += `${out ? ',' : ''}{"key":${JSON.stringify(key)},"value":${anyValue(attrs[key])}}`;
  return `[${out}]`;
}

/** Nanoseconds since the epoch as the decimal string the SDK's JSON encoder writes (a BigInt's toString). */
function nanos(time: HrTime): string {
  const [seconds, ns] = time;
  if (seconds > 0 && Number.isInteger(seconds) && Number.isInteger(ns) && ns >= 0 && ns < 1e9) return `"${seconds}${String(ns).padStart(9, '0')}"`;
  return `"${(BigInt(Math.trunc(seconds)) * 1_000_000_000n + BigInt(Math.trunc(ns))).toString()}"`;
}

function link(l: Link): string {
  const c = l.context;
  const state = c.traceState?.serialize();
  return (
    `{"attributes":${l.attributes ? attributes(l.attributes) : '[]'},"spanId":"${c.spanId}","traceId":"${c.traceId}"` +
    `${state !== undefined ? `,"traceState":${JSON.stringify(state)}` : ''},"droppedAttributesCount":${l.droppedAttributesCount || 0},` +
    `"flags":${(c.traceFlags & 0xff) | HAS_IS_REMOTE | (c.isRemote ? IS_REMOTE : 0)}}`
  );
}

function span(s: ReadableSpan): string {
  const c = s.spanContext();
  const parent = s.parentSpanContext;
  const state = c.traceState?.serialize();
  const status = s.status.message !== undefined ? `{"code":${s.status.code},"message":${JSON.stringify(s.status.message)}}` : `{"code":${s.status.code}}`;
  return (
    `{"traceId":"${c.traceId}","spanId":"${c.spanId}"${parent?.spanId ? `,"parentSpanId":"${parent.spanId}"` : ''}` +
    `${state !== undefined ? `,"traceState":${JSON.stringify(state)}` : ''},"name":${JSON.stringify(s.name)},"kind":${s.kind == null ? 0 : s.kind + 1},` +
    `"startTimeUnixNano":${nanos(s.startTime)},"endTimeUnixNano":${nanos(s.endTime)},"attributes":${attributes(s.attributes)},` +
    `"droppedAttributesCount":${s.droppedAttributesCount},"events":[],"droppedEventsCount":${s.droppedEventsCount},"status":${status},` +
    `"links":[${s.links.map(link).join(',')}],"droppedLinksCount":${s.droppedLinksCount},"flags":${(c.traceFlags & 0xff) | HAS_IS_REMOTE | (parent?.isRemote ? IS_REMOTE : 0)}}`
  );
}

/** An encoder for one resource and scope: their JSON is written once, each batch adds only its spans. */
export function otlpJsonEncoder(resource: Resource, scope: InstrumentationScope): (spans: readonly ReadableSpan[]) => string {
  const schemaUrl = resource.schemaUrl ? `,"schemaUrl":${JSON.stringify(resource.schemaUrl)}` : '';
  const scopeJson = `{"name":${JSON.stringify(scope.name)}${scope.version !== undefined ? `,"version":${JSON.stringify(scope.version)}` : ''}}`;
  const head = `{"resourceSpans":[{"resource":{"attributes":${attributes(resource.attributes as Attributes)},"droppedAttributesCount":0${schemaUrl}},"scopeSpans":[{"scope":${scopeJson},"spans":[`;
  const tail = `]${scope.schemaUrl !== undefined ? `,"schemaUrl":${JSON.stringify(scope.schemaUrl)}` : ''}}]${schemaUrl}}]}`;
  return (spans) => head + spans.map(span).join(',') + tail;
}
