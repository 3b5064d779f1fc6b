// (traceId, spanId) → value over spans of many traces, as nested maps instead of concatenated string keys:
// no string is built per span, and consecutive spans of one trace reuse the last inner map.
export class SpanLookup<T> {
  private readonly byTrace = new Map<string, Map<string, T>>();
  private lastTraceId: string | undefined;
  private lastInner: Map<string, T> | undefined;

  private inner(traceId: string, create: boolean): Map<string, T> | undefined {
    if (traceId === this.lastTraceId) return this.lastInner;
    let inner = this.byTrace.get(traceId);
    if (!inner && create) this.byTrace.set(traceId, (inner = new Map()));
    if (inner) {
      this.lastTraceId = traceId;
      this.lastInner = inner;
    }
    return inner;
  }

  /** Keeps the first value set for a key (a duplicated span id resolves to its first span). */
  setFirst(traceId: string, spanId: string, value: T): void {
    const inner = this.inner(traceId, true)!;
    if (!inner.has(spanId)) inner.set(spanId, value);
  }

  get(traceId: string, spanId: string): T | undefined {
    return this.inner(traceId, false)?.get(spanId);
  }
}
