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
    expect(found.map((f) => f.spanIds)).toEqual([
      ['a', 'b'],
      ['b', 'c'],
    ]);
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
    expect(
      analyzeTrace(spans, { timeoutToleranceNs: 0 })
        .findings.filter((f) => f.type === 'timeout-cascade')
        .map((f) => f.spanIds),
    ).toEqual([['a', 'b', 'c']]);
  });

  it("does not report a caller that got an answer, however late the callee's span ended", () => {
    // api CLIENT [0 ──── 20] ERROR, http.response.status_code 503
    // └── seats SERVER [1 ───── 27] ERROR   (replied 503 at ~19, released its lock, span ended on close)
    const cascade = (attributes: Record<string, { intValue: string }>) =>
      of([
        span('c', { service: 'api', host: 'h', kind: 'CLIENT', start: 0, end: 20, error: true, attributes }),
        span('s', { service: 'seats', host: 'h', kind: 'SERVER', parent: 'c', start: 1, end: 27, error: true }),
      ]);
    expect(cascade({ 'http.response.status_code': { intValue: '503' } })).toEqual([]);
    expect(cascade({ 'rpc.grpc.status_code': { intValue: '14' } })).toEqual([]);
    // Without any record of an answer the overrun is all there is to go on.
    expect(cascade({}).map((f) => f.spanIds)).toEqual([['c', 's']]);
  });

  it('reports the middle level: a server span closed at the abort while its own call ran on', () => {
    // api CLIENT [0 ───── 60] ERROR (exception: "The operation was aborted due to timeout")
    // └── seats SERVER [1 ───── 61]              closed when api went away
    //     └── seats CLIENT [5 ─────────────── 155]   its call to payments ran on
    //         └── payments SERVER [6 ────────── 154]
    const spans = [
      span('c', { service: 'api', host: 'h', kind: 'CLIENT', start: 0, end: 60, error: true }),
      span('s', { service: 'seats', host: 'h', kind: 'SERVER', parent: 'c', start: 1, end: 61 }),
      span('sc', { service: 'seats', host: 'h', kind: 'CLIENT', parent: 's', start: 5, end: 155 }),
      span('p', { service: 'payments', host: 'h', kind: 'SERVER', parent: 'sc', start: 6, end: 154 }),
    ];
    spans[0]!.events = [
      {
        name: 'exception',
        timeUnixNano: spans[0]!.endTimeUnixNano,
        droppedAttributesCount: 0,
        attributes: { 'exception.type': { stringValue: 'TimeoutError' }, 'exception.message': { stringValue: 'The operation was aborted due to timeout' } },
      },
    ];
    const found = of(spans);
    expect(found.map((f) => f.spanIds)).toEqual([
      ['c', 's'],
      ['s', 'sc'],
    ]);
    expect(found[1]!.summary).toBe('seats seats-op was cut off after 60ms while its callee seats seats-op was still running (ran 94ms longer)');
  });

  it('reads gRPC deadlines: DEADLINE_EXCEEDED gave up, CANCELLED was cut off', () => {
    // gw CLIENT [0 ── 60] ERROR rpc.grpc.status_code 4
    // └── ledger SERVER [2 ─── 70] rpc.grpc.status_code 1 (CANCELLED; ended 10 ms after the deadline)
    //     └── ledger CLIENT [3 ──────── 160]
    const found = of([
      span('g', { service: 'gw', host: 'h', kind: 'CLIENT', start: 0, end: 60, error: true, attributes: { 'rpc.grpc.status_code': { intValue: '4' } } }),
      span('l', { service: 'ledger', host: 'h', kind: 'SERVER', parent: 'g', start: 2, end: 70, attributes: { 'rpc.grpc.status_code': { intValue: '1' } } }),
      span('lc', { service: 'ledger', host: 'h', kind: 'CLIENT', parent: 'l', start: 3, end: 160 }),
    ]);
    expect(found.map((f) => f.spanIds)).toEqual([
      ['g', 'l'],
      ['l', 'lc'],
    ]);
  });
});
