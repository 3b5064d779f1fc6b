// The agent's own span: the few fields of an OpenTelemetry ReadableSpan, filled directly. The SDK's Tracer
// builds a span through a sampler, a context, attribute sanitising and limit checks, and its Span object carries
// far more state than the agent ever sets; at one span per proxied request that was a visible share of the
// agent's CPU. This class is handed to the same span processors (the SDK's BatchSpanProcessor and OTLP
// exporter), so what is exported is serialised by the SDK's own code; agent-tracer.test.ts checks the OTLP
// JSON equals what the SDK's Tracer produces for the same span.
import { SpanStatusCode, type AttributeValue, type Attributes, type HrTime, type Link, type SpanContext, type SpanKind, type SpanStatus } from '@opentelemetry/api';
import { hrTime, hrTimeDuration } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { InstrumentationScope } from '@opentelemetry/core';

/** Where ended spans go: the part of a SpanProcessor the agent uses. */
export type EndedSpanSink = Pick<SpanProcessor, 'onEnd' | 'forceFlush' | 'shutdown'>;

export interface SpanOrigin {
  resource: Resource;
  instrumentationScope: InstrumentationScope;
  sink: EndedSpanSink;
}

export class RecordedSpan implements ReadableSpan {
  /** performance.now() readings: turned into HrTimes only when the span is exported (no arrays per request). */
  readonly startMs: number;
  endMs = 0;
  ended = false;
  status: SpanStatus = { code: SpanStatusCode.UNSET };
  readonly events = [];
  readonly droppedAttributesCount = 0;
  readonly droppedEventsCount = 0;
  readonly droppedLinksCount = 0;
  readonly resource: Resource;
  readonly instrumentationScope: InstrumentationScope;

  constructor(
    private readonly origin: SpanOrigin,
    private readonly context: SpanContext,
    readonly parentSpanContext: SpanContext | undefined,
    readonly name: string,
    readonly kind: SpanKind,
    readonly attributes: Attributes,
    readonly links: Link[],
    /** When the span started, as a performance.now() reading the caller already has; now if absent. */
    startedAt?: number,
  ) {
    this.resource = origin.resource;
    this.instrumentationScope = origin.instrumentationScope;
    this.startMs = startedAt ?? performance.now();
  }

  get startTime(): HrTime {
    return hrTime(this.startMs);
  }

  get endTime(): HrTime {
    return this.ended ? hrTime(this.endMs) : [0, 0];
  }

  get duration(): HrTime {
    return this.ended ? hrTimeDuration(this.startTime, this.endTime) : [0, 0];
  }

  spanContext(): SpanContext {
    return this.context;
  }

  setAttribute(key: string, value: AttributeValue): this {
    if (!this.ended && value != null) this.attributes[key] = value;
    return this;
  }

  /** As the SDK's Span: UNSET never overrides, OK is final, a message is kept only with ERROR. */
  setStatus(status: SpanStatus): this {
    if (this.ended || status.code === SpanStatusCode.UNSET || this.status.code === SpanStatusCode.OK) return this;
    this.status = status.code === SpanStatusCode.ERROR && typeof status.message === 'string' ? { code: status.code, message: status.message } : { code: status.code };
    return this;
  }

  end(): void {
    if (this.ended) return;
    this.endMs = performance.now();
    this.ended = true;
    this.origin.sink.onEnd(this);
  }
}

/** A span the caller's sampling decision said not to record: its context is propagated, nothing is exported. */
export class UnrecordedSpan {
  constructor(private readonly context: SpanContext) {}
  spanContext(): SpanContext {
    return this.context;
  }
  setAttribute(): this {
    return this;
  }
  setStatus(): this {
    return this;
  }
  end(): void {}
}

export type AgentSpanHandle = RecordedSpan | UnrecordedSpan;
