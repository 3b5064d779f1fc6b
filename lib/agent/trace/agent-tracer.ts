// Trace marking: for a request carrying `traceparent` the agent records its own span as a child of the
// caller's span and forwards a traceparent naming that span, so the upstream's server span becomes a
// grandchild of the client span and the trace stays intact. Spans go to the dashboard as OTLP/HTTP protobuf in
// requests of up to 512 spans (a BatchShipper: bounded queue, drops and counts when full, never blocks traffic;
// each span's protobuf is written by otlp-proto.ts when the span ends). The spans themselves are RecordedSpans
// rather than the SDK Tracer's; the SDK's Tracer, BatchSpanProcessor (a timer per batch, context per export) and
// OTLP exporter (an object tree per span) each cost a visible share of the agent's CPU at one span per request
// (issue 13); sampling follows the SDK's default (parent-based: a caller that did not sample gets an unrecorded
// span whose context is still propagated).
// Nothing global is touched: the agent may run inside a process that has its own SDK.
import { SpanKind, SpanStatusCode, TraceFlags, type Attributes, type SpanContext } from '@opentelemetry/api';
import { TraceState, type InstrumentationScope } from '@opentelemetry/core';
import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { randomFillSync } from 'node:crypto';
import { BatchShipper } from '../shipping/batch-shipper';
import { OtlpSpanRun } from './otlp-proto';
import { parseTraceparent } from './traceparent';
import { RecordedSpan, UnrecordedSpan, type AgentSpanHandle, type EndedSpanSink, type SpanOrigin } from './recorded-span';

/** The caller's trace context headers: node:http's header object, or the route's raw-header scan. */
interface CallerHeaders {
  traceparent?: string | string[] | undefined;
  tracestate?: string | string[] | undefined;
  [other: string]: unknown;
}

export interface AgentSpan {
  span: AgentSpanHandle;
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
  /** Tests pass their own processor (only onEnd, forceFlush and shutdown are called); the default batches to otlpUrl. */
  spanProcessor?: EndedSpanSink;
}

/** Random ids from a block refilled by the CSPRNG now and then, not a system call per span. */
class IdSource {
  private readonly block = Buffer.alloc(4096);
  private offset = this.block.length;

  hex(bytes: number): string {
    for (;;) {
      if (this.offset + bytes > this.block.length) {
        randomFillSync(this.block);
        this.offset = 0;
      }
      const start = this.offset;
      this.offset += bytes;
      // All-zero ids are invalid in W3C trace context: checked on the bytes, before making the string.
      let any = 0;
      for (let i = start; i < this.offset; i++) any |= this.block[i]!;
      if (any !== 0) return this.block.toString('hex', start, this.offset);
    }
  }
}

/** The W3C headers naming `context` (as the SDK's W3CTraceContextPropagator writes them; the agent's flags are 00 or 01). */
function propagationOf(context: SpanContext): Record<string, string> {
  const traceparent = `00-${context.traceId}-${context.spanId}-${context.traceFlags === TraceFlags.SAMPLED ? '01' : '00'}`;
  return context.traceState ? { traceparent, tracestate: context.traceState.serialize() } : { traceparent };
}

/**
 * The caller's span context from traceparent/tracestate, read as the W3C propagator reads them (the same
 * acceptance, by hand: traceparent.ts); null if absent or invalid.
 */
function callerContext(headers: CallerHeaders): SpanContext | null {
  const header = headers.traceparent;
  const traceParent = Array.isArray(header) ? header[0] : header;
  if (typeof traceParent !== 'string') return null;
  const parsed = parseTraceparent(traceParent);
  if (!parsed) return null;
  const state = headers.tracestate;
  return {
    traceId: parsed.traceId,
    spanId: parsed.spanId,
    traceFlags: parsed.traceFlags,
    isRemote: true,
    traceState: state ? new TraceState(Array.isArray(state) ? state.join(',') : state) : undefined,
  };
}

/** Spans per export request, and how long an ended span may wait for its request to fill. */
const SPANS_PER_EXPORT = 512;
const EXPORT_INTERVAL_MS = 1000;
/** Export requests waiting to be sent (8,192 spans) before new spans are dropped. */
const EXPORTS_QUEUED = 16;

/**
 * Ended spans to the dashboard's OTLP/HTTP endpoint (protobuf), in requests of up to 512 spans, at least once a
 * second. Each span is encoded as it ends (OtlpSpanRun), so what waits for the request is bytes, not span objects;
 * the BatchShipper queues and sends the finished request bodies one at a time (and drops them when 16 wait).
 */
class SpanShipper implements EndedSpanSink {
  private readonly run: OtlpSpanRun;
  private readonly exports: BatchShipper<Buffer>;
  private timer: NodeJS.Timeout | undefined;

  constructor(options: AgentTracerOptions, resource: Resource, scope: InstrumentationScope) {
    this.run = new OtlpSpanRun(resource, scope);
    this.exports = new BatchShipper<Buffer>({
      url: options.otlpUrl,
      headers: options.headers,
      queueMax: EXPORTS_QUEUED,
      batchMax: 1,
      requestTimeoutMs: 10_000,
      encode: (bodies) => bodies[0]!,
      contentType: 'application/x-protobuf',
    });
  }

  onEnd(span: ReadableSpan): void {
    // With the queue full (the dashboard slow or down) this span's request would be dropped: it is not even encoded.
    if (!this.exports.hasRoom()) return;
    this.run.add(span);
    if (this.run.count >= SPANS_PER_EXPORT) this.close();
    else this.timer ??= setTimeout(() => this.close(), EXPORT_INTERVAL_MS);
  }

  forceFlush(): Promise<void> {
    this.close();
    return this.exports.flush();
  }

  shutdown(): Promise<void> {
    return this.forceFlush();
  }

  /** The spans written so far become one export request. */
  private close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.run.count > 0) this.exports.enqueue(this.run.take());
  }
}

export class AgentTracer {
  private readonly origin: SpanOrigin;
  private readonly ids = new IdSource();

  constructor(options: AgentTracerOptions) {
    const resource = resourceFromAttributes({ 'service.name': 'tracehound-agent', 'service.instance.id': options.agentName });
    const instrumentationScope = { name: 'tracehound-agent', version: undefined, schemaUrl: undefined };
    this.origin = { resource, instrumentationScope, sink: options.spanProcessor ?? new SpanShipper(options, resource, instrumentationScope) };
  }

  /**
   * A span under the caller's span, or null when the request carries no (valid) traceparent. `startedAt`: when
   * the request arrived, as a performance.now() reading (now if absent).
   */
  startProxySpan(headers: CallerHeaders, name: string, attributes: Attributes, startedAt?: number): AgentSpan | null {
    if (headers.traceparent === undefined) return null;
    const parent = callerContext(headers);
    if (!parent) return null;
    const sampled = (parent.traceFlags & TraceFlags.SAMPLED) !== 0;
    const context: SpanContext = { traceId: parent.traceId, spanId: this.ids.hex(8), traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE, traceState: parent.traceState };
    const span = sampled ? new RecordedSpan(this.origin, context, parent, name, SpanKind.INTERNAL, attributes, [], startedAt) : new UnrecordedSpan(context);
    return { span, traceId: context.traceId, spanId: context.spanId, parentSpanId: parent.spanId, propagation: propagationOf(context) };
  }

  /** A root span of a new trace linked to another (the shadow copy of a request). */
  startLinkedRoot(name: string, linkedTo: AgentSpan, attributes: Attributes): AgentSpan {
    const context: SpanContext = { traceId: this.ids.hex(16), spanId: this.ids.hex(8), traceFlags: TraceFlags.SAMPLED };
    const span = new RecordedSpan(this.origin, context, undefined, name, SpanKind.CLIENT, attributes, [{ context: linkedTo.span.spanContext() }]);
    return { span, traceId: context.traceId, spanId: context.spanId, parentSpanId: '', propagation: propagationOf(context) };
  }

  static fail(span: AgentSpanHandle, message: string): void {
    span.setStatus({ code: SpanStatusCode.ERROR, message });
  }

  async shutdown(): Promise<void> {
    await this.origin.sink.shutdown().catch(() => {});
  }

  async flush(): Promise<void> {
    await this.origin.sink.forceFlush().catch(() => {});
  }
}
