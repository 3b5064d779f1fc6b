// SIMULATED clock skew. Real skew comes from a host whose clock is wrong; on one machine every process shares
// the same clock, so the demo fakes it: this processor hands the exporter a copy of each finished span with
// its start, end and event times moved by a fixed offset, exactly what a host running `offsetMs` ahead
// (positive) or behind (negative) would have reported. Durations are unchanged; the live span is untouched.
import { addHrTimes, millisToHrTime } from '@opentelemetry/core';
import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-node';

type HrTime = ReadableSpan['startTime'];

export class SkewSpanProcessor implements SpanProcessor {
  private readonly offset: HrTime;

  constructor(
    private readonly next: SpanProcessor,
    private readonly offsetMs: number,
  ) {
    this.offset = offsetMs >= 0 ? millisToHrTime(offsetMs) : negate(millisToHrTime(-offsetMs));
  }

  onStart(span: Span, parentContext: Context): void {
    this.next.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    this.next.onEnd(this.offsetMs === 0 ? span : shifted(span, this.offset));
  }

  forceFlush(): Promise<void> {
    return this.next.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.next.shutdown();
  }
}

function negate([seconds, nanos]: HrTime): HrTime {
  // HrTime keeps nanos in [0, 1e9): -1.25 s is [-2, 750_000_000].
  return nanos === 0 ? [-seconds, 0] : [-seconds - 1, 1e9 - nanos];
}

function shifted(span: ReadableSpan, offset: HrTime): ReadableSpan {
  return {
    name: span.name,
    kind: span.kind,
    spanContext: () => span.spanContext(),
    parentSpanContext: span.parentSpanContext,
    startTime: addHrTimes(span.startTime, offset),
    endTime: addHrTimes(span.endTime, offset),
    status: span.status,
    attributes: span.attributes,
    links: span.links,
    events: span.events.map((event) => ({ ...event, time: addHrTimes(event.time, offset) })),
    duration: span.duration,
    ended: span.ended,
    resource: span.resource,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}
