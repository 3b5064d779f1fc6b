// The agent's spans are its own RecordedSpans, not the SDK Tracer's: what reaches the dashboard must be the
// same OTLP JSON the SDK would have produced for the same span (ids and times aside), and the forwarded
// traceparent must name the agent's span. The SDK side here is the real BasicTracerProvider.
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { AgentTracer } from './agent-tracer';
import { decodeOtlpTraceProto } from '@/lib/domain/otlp/decode-otlp-proto';
import { OtlpSpanRun } from './otlp-proto';

const CALLER = { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', tracestate: 'vendor=a1, other=b2' };
const ATTRIBUTES = { 'tracehound.route': 'payment', 'http.request.method': 'GET', 'url.path': '/pay' };

function otlpJson(spans: ReadableSpan[], rename: Map<string, string>): unknown {
  const text = new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans));
  const json = JSON.parse(text) as { resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[] };
  for (const span of json.resourceSpans[0]!.scopeSpans[0]!.spans) {
    expect(BigInt(span.endTimeUnixNano as string)).toBeGreaterThanOrEqual(BigInt(span.startTimeUnixNano as string));
    delete span.startTimeUnixNano;
    delete span.endTimeUnixNano;
    for (const key of ['spanId', 'traceId']) span[key] = rename.get(span[key] as string) ?? span[key];
    for (const link of (span.links as Record<string, unknown>[]) ?? []) for (const key of ['spanId', 'traceId']) link[key] = rename.get(link[key] as string) ?? link[key];
  }
  return json;
}

/** The same spans through the SDK's own Tracer, as the agent made them before (issue 13). */
function sdkSpans(): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'tracehound-agent', 'service.instance.id': 'agent-1' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('tracehound-agent');
  const w3c = new W3CTraceContextPropagator();
  const parent = w3c.extract(ROOT_CONTEXT, CALLER, { keys: Object.keys, get: (c, k) => (c as Record<string, string>)[k] });
  const proxy = tracer.startSpan('GET payment', { kind: SpanKind.INTERNAL, attributes: { ...ATTRIBUTES } }, parent);
  proxy.setAttribute('http.response.status_code', 502);
  proxy.setStatus({ code: SpanStatusCode.ERROR, message: 'upstream failed' });
  proxy.end();
  const shadow = tracer.startSpan('GET payment (shadow)', { kind: SpanKind.CLIENT, attributes: { 'tracehound.shadow': true }, root: true, links: [{ context: proxy.spanContext() }] }, ROOT_CONTEXT);
  shadow.end();
  return exporter.getFinishedSpans();
}

describe('AgentTracer', () => {
  it('exports the same OTLP JSON as the SDK Tracer for a proxy span and a linked shadow root', () => {
    const exporter = new InMemorySpanExporter();
    const tracer = new AgentTracer({ otlpUrl: 'http://127.0.0.1:9/v1/traces', headers: {}, agentName: 'agent-1', spanProcessor: new SimpleSpanProcessor(exporter) });
    const proxy = tracer.startProxySpan(CALLER, 'GET payment', { ...ATTRIBUTES })!;
    proxy.span.setAttribute('http.response.status_code', 502);
    AgentTracer.fail(proxy.span, 'upstream failed');
    proxy.span.end();
    const shadow = tracer.startLinkedRoot('GET payment (shadow)', proxy, { 'tracehound.shadow': true });
    shadow.span.end();
    const ours = exporter.getFinishedSpans();

    const theirs = sdkSpans();
    const names = (spans: ReadableSpan[]) =>
      new Map([
        [spans[0]!.spanContext().spanId, 'proxy-span'],
        [spans[1]!.spanContext().spanId, 'shadow-span'],
        [spans[1]!.spanContext().traceId, 'shadow-trace'],
      ]);
    expect(otlpJson(ours, names(ours))).toEqual(otlpJson(theirs, names(theirs)));
    expect(ours[0]!.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('forwards a traceparent naming its own span and keeps the caller tracestate, as the W3C propagator would', () => {
    const exporter = new InMemorySpanExporter();
    const tracer = new AgentTracer({ otlpUrl: 'http://127.0.0.1:9/v1/traces', headers: {}, agentName: 'a', spanProcessor: new SimpleSpanProcessor(exporter) });
    const proxy = tracer.startProxySpan(CALLER, 'GET x', {})!;
    const w3c: Record<string, string> = {};
    new W3CTraceContextPropagator().inject(trace.setSpanContext(ROOT_CONTEXT, proxy.span.spanContext()), w3c, { set: (c, k, v) => void ((c as Record<string, string>)[k] = v) });
    expect(proxy.propagation).toEqual(w3c);
    expect(proxy.propagation.traceparent).toBe(`00-4bf92f3577b34da6a3ce929d0e0e4736-${proxy.spanId}-01`);
    expect(proxy.propagation.tracestate).toBe('vendor=a1,other=b2');
    expect([proxy.parentSpanId, /^[0-9a-f]{16}$/.test(proxy.spanId)]).toEqual(['00f067aa0ba902b7', true]);
  });

  it('records nothing for a caller that did not sample, yet propagates a new span id unsampled; ignores a bad traceparent', () => {
    const exporter = new InMemorySpanExporter();
    const tracer = new AgentTracer({ otlpUrl: 'http://127.0.0.1:9/v1/traces', headers: {}, agentName: 'a', spanProcessor: new SimpleSpanProcessor(exporter) });
    const unsampled = tracer.startProxySpan({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00' }, 'GET x', {})!;
    unsampled.span.end();
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    expect(unsampled.propagation.traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-(?!00f067aa0ba902b7)[0-9a-f]{16}-00$/);
    expect(tracer.startProxySpan({ traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01' }, 'GET x', {})).toBeNull();
    expect(tracer.startProxySpan({}, 'GET x', {})).toBeNull();
  });
});

describe('OtlpSpanRun', () => {
  /** The export request of `spans`, added one by one to `run` (a new run for their resource and scope by default). */
  const encode = (spans: readonly ReadableSpan[], run = new OtlpSpanRun(spans[0]!.resource, spans[0]!.instrumentationScope)) => {
    for (const span of spans) run.add(span);
    return run.take();
  };
  /** Both requests decoded by the dashboard's own OTLP protobuf decoder. */
  const decoded = (ours: Uint8Array, spans: ReadableSpan[]) => [decodeOtlpTraceProto(ours), decodeOtlpTraceProto(ProtobufTraceSerializer.serializeRequest(spans)!)];

  it('writes the same OTLP protobuf content as the SDK serializer for the agent spans (times and ids included)', () => {
    const exporter = new InMemorySpanExporter();
    const tracer = new AgentTracer({ otlpUrl: 'http://127.0.0.1:9/v1/traces', headers: {}, agentName: 'agent-1', spanProcessor: new SimpleSpanProcessor(exporter) });
    const proxy = tracer.startProxySpan(CALLER, 'GET "payment" \u00e9\u{1f600}', { ...ATTRIBUTES, 'tracehound.hop': true, retries: 3, ratio: 0.25, tags: ['a', 'b\n'] })!;
    proxy.span.setAttribute('http.response.status_code', 502);
    AgentTracer.fail(proxy.span, 'upstream "failed"\u2028');
    proxy.span.end();
    const shadow = tracer.startLinkedRoot('GET payment (shadow)', proxy, { 'tracehound.shadow': true });
    shadow.span.end();
    const plain = tracer.startProxySpan({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }, 'GET x', {})!;
    plain.span.end();
    const spans = exporter.getFinishedSpans();
    const [ours, theirs] = decoded(encode(spans), spans);
    expect(ours).toEqual(theirs);
    expect(ours!.resourceSpans[0]!.scopeSpans[0]!.spans).toHaveLength(3);
  });

  it('encodes every attribute value type and many spans as the SDK does (SDK-made spans, large batch)', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'tracehound-agent', 'service.instance.id': 'x' }),
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    const tracer = provider.getTracer('tracehound-agent', '1.2.3');
    for (let i = 0; i < 600; i++) {
      const span = tracer.startSpan(`op ${i} ${'x'.repeat(i % 200)}`, {
        kind: i % 5,
        attributes: {
          i,
          negative: -i - 1,
          big: 2 ** 60,
          double: i / 7,
          flag: i % 2 === 0,
          list: [String(i), 'b'],
          nums: [1, 2.5],
          utf: '\u00fc\u{1f600}',
          small: i % 3,
          text: `v${i % 70}`,
          zero: i % 2 ? 0 : -0,
        },
      });
      span.setStatus(i % 3 === 0 ? { code: SpanStatusCode.ERROR, message: `bad ${i}` } : { code: SpanStatusCode.OK });
      span.end();
    }
    const spans = exporter.getFinishedSpans();
    // One run for two requests: the second is written from the KeyValues it cached for the first.
    const run = new OtlpSpanRun(spans[0]!.resource, spans[0]!.instrumentationScope);
    encode(spans.slice(0, 100), run);
    const [ours, theirs] = decoded(encode(spans, run), spans);
    expect(ours).toEqual(theirs);
  });

  it('writes times as exact 64-bit nanoseconds (no BigInt on the common path, carries included)', () => {
    const resource = resourceFromAttributes({ 'service.name': 'tracehound-agent' });
    const times: [number, number][] = [
      [0, 0],
      [1, 0],
      [4294967295, 999999999],
      [1_764_000_000, 123],
    ];
    for (let s = 1_764_000_000; s < 1_764_002_000; s++) times.push([s, 999_999_999]);
    const spans = times.map(([seconds, nanos]) => {
      const exporter = new InMemorySpanExporter();
      const provider = new BasicTracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor(exporter)] });
      const span = provider.getTracer('t').startSpan('t', { startTime: [seconds, nanos] });
      span.end([seconds + 1, nanos]);
      return exporter.getFinishedSpans()[0]!;
    });
    const decodedSpans = decodeOtlpTraceProto(encode(spans, new OtlpSpanRun(resource, { name: 't' }))).resourceSpans[0]!.scopeSpans[0]!.spans;
    expect(decodedSpans.map((s) => s.startTimeUnixNano)).toEqual(times.map(([seconds, nanos]) => BigInt(seconds) * 1_000_000_000n + BigInt(nanos)));
  });
});
