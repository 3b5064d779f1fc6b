// What a pinned trace keeps when it is larger than the snapshot cap. The postmortem needs the spans people
// pointed at and the story around them, so the cap is filled in this order: the pinned spans and their
// ancestors (the path from the root), then error spans (the cascade), then the earliest remaining spans.
// The result keeps the payload's ordering (start time, then span id) and its resource/scope tables.
import type { TracePayload, TracePayloadSpan } from '../model/trace-payload';

export interface CappedSnapshot {
  payload: TracePayload;
  totalSpanCount: number;
}

export function capTraceSnapshot(trace: TracePayload, maxSpans: number, pinnedSpanIds: readonly string[]): CappedSnapshot {
  const total = trace.spans.length;
  if (total <= maxSpans) return { payload: trace, totalSpanCount: total };
  const byId = new Map<string, TracePayloadSpan>(trace.spans.map((s) => [s.spanId, s]));
  const keep = new Set<string>();
  const add = (id: string): boolean => {
    if (keep.size >= maxSpans) return false;
    keep.add(id);
    return true;
  };
  for (const pinned of pinnedSpanIds) {
    // Walk up to the root; a cycle of parent ids (bad data) stops at the first repeat.
    for (let s = byId.get(pinned); s && !keep.has(s.spanId); s = s.parentSpanId ? byId.get(s.parentSpanId) : undefined) {
      if (!add(s.spanId)) break;
    }
  }
  for (const s of trace.spans) if (s.statusCode === 2 && !keep.has(s.spanId) && !add(s.spanId)) break;
  for (const s of trace.spans) if (!keep.has(s.spanId) && !add(s.spanId)) break;
  return { payload: { ...trace, spans: trace.spans.filter((s) => keep.has(s.spanId)) }, totalSpanCount: total };
}
