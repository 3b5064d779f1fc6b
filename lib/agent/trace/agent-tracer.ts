// Trace marking: for a request carrying `traceparent` the agent records its own span as a child of the
// caller's span and forwards a traceparent naming that span, so the upstream's server span becomes a
// grandchild of the client span and the trace stays intact. Spans go to the dashboard over OTLP/HTTP in
// batches (the OpenTelemetry SDK's BatchSpanProcessor: bounded queue, drops when full, never blocks traffic).
// A private provider, not the global one: the agent may run inside a process that has its own SDK.
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Span, type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';

type HeaderBag = Record<string, string | string[] | undefined>;

const getter: TextMapGetter<HeaderBag> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key.toLowerCase()],
};
const setter: TextMapSetter<Record<string, string>> = { set: (carrier, key, value) => void (carrier[key] = value) };

export interface AgentSpan {
  span: Span;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  /** Headers to forward upstream instead of the caller's traceparent/tracestate. */
  propagation: Record<string, string>;
}

export interface AgentTracerOptions {
  otlpUrl: string;
  headers: Record<string, string>;
  agentName: string;
  /** Tests pass their own processor; the default batches to otlpUrl. */
  spanProcessor?: SpanProcessor;
}

export class AgentTracer {
  private readonly provider: BasicTracerProvider;
  private readonly tracer;
  private readonly propagator = new W3CTraceContextPropagator();

  constructor(options: AgentTracerOptions) {
    const processor =
      options.spanProcessor ??
      new BatchSpanProcessor(new OTLPTraceExporter({ url: options.otlpUrl, headers: options.headers }), { maxQueueSize: 8192, maxExportBatchSize: 512, scheduledDelayMillis: 1000 });
    this.provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'tracehound-agent', 'service.instance.id': options.agentName }),
      spanProcessors: [processor],
    });
    this.tracer = this.provider.getTracer('tracehound-agent');
  }

  /** A span under the caller's span, or null when the request carries no (valid) traceparent. */
  startProxySpan(headers: HeaderBag, name: string, attributes: Attributes): AgentSpan | null {
    if (headers.traceparent === undefined) return null;
    const parentContext = this.propagator.extract(ROOT_CONTEXT, headers, getter);
    const parent = trace.getSpanContext(parentContext);
    if (!parent) return null;
    const span = this.tracer.startSpan(name, { kind: SpanKind.INTERNAL, attributes }, parentContext);
    const propagation: Record<string, string> = {};
    this.propagator.inject(trace.setSpan(parentContext, span), propagation, setter);
    const ctx = span.spanContext();
    return { span, traceId: ctx.traceId, spanId: ctx.spanId, parentSpanId: parent.spanId, propagation };
  }

  /** A root span of a new trace linked to another (the shadow copy of a request). */
  startLinkedRoot(name: string, linkedTo: AgentSpan, attributes: Attributes): AgentSpan {
    const span = this.tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes, root: true, links: [{ context: linkedTo.span.spanContext() }] }, ROOT_CONTEXT);
    const propagation: Record<string, string> = {};
    this.propagator.inject(trace.setSpan(ROOT_CONTEXT, span), propagation, setter);
    const ctx = span.spanContext();
    return { span, traceId: ctx.traceId, spanId: ctx.spanId, parentSpanId: '', propagation };
  }

  static fail(span: Span, message: string): void {
    span.setStatus({ code: SpanStatusCode.ERROR, message });
  }

  async shutdown(): Promise<void> {
    await this.provider.shutdown().catch(() => {});
  }

  async flush(): Promise<void> {
    await this.provider.forceFlush().catch(() => {});
  }
}
