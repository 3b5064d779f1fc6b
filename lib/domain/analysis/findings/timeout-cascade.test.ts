import { describe, expect, it } from 'vitest';
import { span } from '@/test/support/trace-fixture';
import { analyzeTrace } from '../analyze-trace';

const of = (spans: ReturnType<typeof span>[]) => analyzeTrace(spans).findings.filter((f) => f.type === 'timeout-cascade');

describe('timeout cascades', () => {
  it('reports a failed caller that ended before its callee finished', () => {
    // web [0 ──── 30] ERROR (gave up)
    // └── api [5 ────────── 80]            (same host: no skew correction)
    //     └── db [10 ────────────── 120]   api is not an error: no finding for api
    const found = of([
      span('web', { service: 'web', host: 'h', start: 0, end: 30, error: true }),
      span('api', { service: 'api', host: 'h', parent: 'web', start: 5, end: 80 }),
      span('db', { service: 'db', host: 'h', parent: 'api', start: 10, end: 120 }),
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]!.spanIds).toEqual(['web', 'api']);
    expect(found[0]!.summary).toBe('web web-op failed after 30ms while its callee api api-op was still running (ran 50ms longer)');
  });

  it('reports each level of a cascade and callees that never finished', () => {
    // a [0 ─── 50] ERROR
    // └── b [1 ─── 60] ERROR
    //     └── c [2 ───── never ends]
    const found = of([
      span('a', { host: 'h', service: 'a', start: 0, end: 50, error: true }),
      span('b', { host: 'h', service: 'b', parent: 'a', start: 1, end: 60, error: true }),
      span('c', { host: 'h', service: 'c', parent: 'b', start: 2, end: null }),
    ]);
    expect(found.map((f) => f.spanIds)).toEqual([['a', 'b'], ['b', 'c']]);
    expect(found[1]!.summary).toContain('never finished');
  });

  it('does not report callees that finished in time or detached consumers, or callers without error', () => {
    expect(
      of([
        span('a', { host: 'h', start: 0, end: 50, error: true }),
        span('b', { host: 'h', parent: 'a', start: 1, end: 50 }),
        span('p', { host: 'h', parent: 'a', kind: 'PRODUCER', start: 2, end: 3, error: true }),
        span('q', { host: 'h', parent: 'p', kind: 'CONSUMER', start: 10, end: 90 }),
        span('ok', { host: 'h', start: 0, end: 10 }),
        span('late', { host: 'h', parent: 'ok', start: 5, end: 20 }),
      ]),
    ).toEqual([]);
  });

  it('ignores overruns within the clock resolution of one process (timeoutToleranceNs, 1 ms)', () => {
    // a [0 ── 50] ERROR      b ends 0.5 ms after a (SDK Date.now() anchoring), c 2 ms after
    const spans = [
      span('a', { host: 'h', service: 'a', start: 0, end: 50, error: true }),
      span('b', { host: 'h', service: 'b', parent: 'a', start: 1, end: 50.5 }),
      span('c', { host: 'h', service: 'c', parent: 'a', start: 1, end: 52 }),
    ];
    expect(of(spans).map((f) => f.spanIds)).toEqual([['a', 'c']]);
    expect(analyzeTrace(spans, { timeoutToleranceNs: 0 }).findings.filter((f) => f.type === 'timeout-cascade').map((f) => f.spanIds)).toEqual([['a', 'b', 'c']]);
  });
});
