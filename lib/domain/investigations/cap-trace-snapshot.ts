// What a pinned trace keeps when it is larger than the snapshot cap. The postmortem needs the spans people
// pointed at and the story around them, so the cap is filled in this order: the pinned spans and their
// ancestors (the path from the root), then error spans (the cascade), then the earliest remaining spans.
// `chooseSnapshotSpans` works on the light shape (ids, parent, status in start order) so the server can choose
// before it reads the heavy columns of a huge trace; `capTraceSnapshot` applies it to a whole payload.
import type { TracePayload } from '../model/trace-payload';

export interface SnapshotCandidate {
  spanId: string;
  parentSpanId: string | null;
  statusCode: number;
}

/** Span ids to keep, at most `maxSpans`; `spans` in start order (ties by span id). */
export function chooseSnapshotSpans(spans: readonly SnapshotCandidate[], maxSpans: number, pinnedSpanIds: readonly string[]): Set<string> {
  const keep = new Set<string>();
  if (spans.length <= maxSpans) {
    for (const s of spans) keep.add(s.spanId);
    return keep;
  }
  const byId = new Map<string, SnapshotCandidate>(spans.map((s) => [s.spanId, s]));
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
  for (const s of spans) if (s.statusCode === 2 && !keep.has(s.spanId) && !add(s.spanId)) break;
  for (const s of spans) if (!keep.has(s.spanId) && !add(s.spanId)) break;
  return keep;
}

export interface CappedSnapshot {
  payload: TracePayload;
  totalSpanCount: number;
}

export function capTraceSnapshot(trace: TracePayload, maxSpans: number, pinnedSpanIds: readonly string[]): CappedSnapshot {
  const total = trace.spans.length;
  if (total <= maxSpans) return { payload: trace, totalSpanCount: total };
  const keep = chooseSnapshotSpans(trace.spans, maxSpans, pinnedSpanIds);
  return { payload: { ...trace, spans: trace.spans.filter((s) => keep.has(s.spanId)) }, totalSpanCount: total };
}
