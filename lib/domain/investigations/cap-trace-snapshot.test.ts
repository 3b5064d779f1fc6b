import { describe, expect, it } from 'vitest';
import type { TracePayload, TracePayloadSpan } from '../model/trace-payload';
import { capTraceSnapshot } from './cap-trace-snapshot';

function span(spanId: string, parentSpanId: string | null, start: number, statusCode: 0 | 1 | 2 = 0): TracePayloadSpan {
  return {
    spanId,
    parentSpanId,
    name: spanId,
    kind: 2,
    startTimeUnixNano: String(start),
    endTimeUnixNano: String(start + 10),
    statusCode,
    statusMessage: '',
    traceState: '',
    flags: 0,
    attributes: {},
    events: [],
    links: [],
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
    resourceIndex: 0,
    scopeIndex: 0,
  } as TracePayloadSpan;
}

// root
// ├── a ── a1 ── a2 (pinned)
// ├── b (error)
// └── c, d, e (plain, early to late)
const spans = [span('root', null, 0), span('a', 'root', 1), span('a1', 'a', 2), span('c', 'root', 3), span('d', 'root', 4), span('b', 'root', 5, 2), span('e', 'root', 6), span('a2', 'a1', 7)];
const trace: TracePayload = { traceId: 'f'.repeat(32), tenant: 'default', summary: {} as TracePayload['summary'], resources: [], scopes: [], spans };

describe('capTraceSnapshot', () => {
  it('keeps a small trace whole', () => {
    const out = capTraceSnapshot(trace, 100, []);
    expect(out.payload.spans).toHaveLength(8);
    expect(out.totalSpanCount).toBe(8);
  });

  it('keeps the pinned span with its ancestors, then errors, then the earliest spans, in start order', () => {
    const out = capTraceSnapshot(trace, 6, ['a2']);
    expect(out.payload.spans.map((s) => s.spanId)).toEqual(['root', 'a', 'a1', 'c', 'b', 'a2']);
    expect(out.totalSpanCount).toBe(8);
  });

  it('never exceeds the cap, even when the pinned path is longer', () => {
    const out = capTraceSnapshot(trace, 2, ['a2']);
    expect(out.payload.spans.map((s) => s.spanId)).toEqual(['a1', 'a2']);
  });
});
