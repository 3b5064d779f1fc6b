import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { describe, expect, it } from 'vitest';
import { SkewSpanProcessor } from './skew-span-processor';

function exportOneSpan(offsetMs: number) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SkewSpanProcessor(new SimpleSpanProcessor(exporter), offsetMs)] });
  const span = provider.getTracer('t').startSpan('work', { startTime: [1_700_000_000, 900_000_000] });
  span.addEvent('halfway', [1_700_000_001, 0]);
  span.end([1_700_000_002, 100_000_000]);
  const [exported] = exporter.getFinishedSpans();
  if (!exported) throw new Error('nothing exported');
  return exported;
}

describe('SkewSpanProcessor', () => {
  it('moves start, end and event times ahead by the offset and keeps the duration', () => {
    const span = exportOneSpan(250);
    // HrTime tuples compared exactly (converting to a JS number would lose the nanoseconds).
    expect(span.startTime).toEqual([1_700_000_001, 150_000_000]);
    expect(span.endTime).toEqual([1_700_000_002, 350_000_000]);
    expect(span.events[0]!.time).toEqual([1_700_000_001, 250_000_000]);
    expect(span.duration).toEqual([1, 200_000_000]);
  });

  it('moves times behind for a negative offset, borrowing across the second boundary', () => {
    const span = exportOneSpan(-1_250);
    expect(span.startTime).toEqual([1_699_999_999, 650_000_000]);
    expect(span.endTime).toEqual([1_700_000_000, 850_000_000]);
  });

  it('passes spans through untouched at offset 0', () => {
    const span = exportOneSpan(0);
    expect(span.startTime).toEqual([1_700_000_000, 900_000_000]);
  });
});
