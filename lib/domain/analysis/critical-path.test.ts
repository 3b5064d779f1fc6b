import { describe, expect, it } from 'vitest';
import { span } from '@/test/support/trace-fixture';
import { analyzeTrace } from './analyze-trace';

/** Critical path as "spanId start-end" in ms relative to the primary root's corrected start. */
function path(spans: ReturnType<typeof span>[]) {
  const a = analyzeTrace(spans);
  const origin = a.skew.start[a.tree.primaryRoot]!;
  return a.criticalPath.map((s) => `${spans[s.span]!.spanId} ${(s.start - origin) / 1e6}-${(s.end - origin) / 1e6}`);
}

describe('critical path', () => {
  it('follows the last-finishing child back in time and charges gaps to the parent', () => {
    // a [0 ─────────────────────── 100]
    // ├── b [10 ── 40]
    // │   └── d [15 ─ 30]
    // └── c [50 ────── 90]
    expect(
      path([span('a', { start: 0, end: 100 }), span('b', { parent: 'a', start: 10, end: 40 }), span('c', { parent: 'a', start: 50, end: 90 }), span('d', { parent: 'b', start: 15, end: 30 })]),
    ).toEqual(['a 0-10', 'b 10-15', 'd 15-30', 'b 30-40', 'a 40-50', 'c 50-90', 'a 90-100']);
  });

  it('skips a concurrent child that overlaps the one followed', () => {
    // a [0 ────────────── 100]
    // ├── b [10 ──────── 80]
    // └── c [20 ── 60]          (hidden by b: ends after b starts)
    expect(path([span('a', { start: 0, end: 100 }), span('b', { parent: 'a', start: 10, end: 80 }), span('c', { parent: 'a', start: 20, end: 60 })])).toEqual(['a 0-10', 'b 10-80', 'a 80-100']);
  });

  it('follows a sibling that ends exactly when the next one starts', () => {
    // a [0 ──────────── 30]
    // ├── b [0 ── 10]
    // ├── c      [10 ── 20]
    // └── d            [20 ── 30]
    expect(
      path([span('a', { start: 0, end: 30 }), span('b', { parent: 'a', start: 0, end: 10 }), span('c', { parent: 'a', start: 10, end: 20 }), span('d', { parent: 'a', start: 20, end: 30 })]),
    ).toEqual(['b 0-10', 'c 10-20', 'd 20-30']);
  });

  it('handles siblings with equal timestamps deterministically', () => {
    // a [0 ──────────── 30]
    // ├── b [5 ──── 20]
    // └── c    [10 ─ 20]   same end as b: the later start is followed first, then b is hidden
    expect(path([span('a', { start: 0, end: 30 }), span('b', { parent: 'a', start: 5, end: 20 }), span('c', { parent: 'a', start: 10, end: 20 })])).toEqual(['a 0-10', 'c 10-20', 'a 20-30']);
    // identical twins: exactly one of them is on the path
    const twins = path([span('a', { start: 0, end: 30 }), span('b', { parent: 'a', start: 10, end: 20 }), span('c', { parent: 'a', start: 10, end: 20 })]);
    expect(twins).toHaveLength(3);
    expect(twins[1]).toMatch(/^[bc] 10-20$/);
  });

  it('clips children that overhang their parent', () => {
    // a [0 ──────── 50]
    // └── b    [20 ────────── 90]   (same host: not skew-corrected, clipped to 50)
    expect(path([span('a', { start: 0, end: 50 }), span('b', { parent: 'a', start: 20, end: 90 })])).toEqual(['a 0-20', 'b 20-50']);
  });

  it('leaves detached consumer work out and ignores zero-length children', () => {
    // a [0 ─────── 40]
    // ├── p PRODUCER [5 ─ 10]
    // │   └── q CONSUMER [12 ──── 60]   (detached)
    // └── z [30 ─ 30]                   (zero length)
    expect(
      path([
        span('a', { start: 0, end: 40 }),
        span('p', { parent: 'a', kind: 'PRODUCER', start: 5, end: 10 }),
        span('q', { parent: 'p', kind: 'CONSUMER', start: 12, end: 60 }),
        span('z', { parent: 'a', start: 30, end: 30 }),
      ]),
    ).toEqual(['a 0-5', 'p 5-10', 'a 10-40']);
  });

  it('is computed on skew-corrected times', () => {
    // client A [0 ─────────── 100]
    // └── server B [-80 ── -20] → corrected [20, 80]
    expect(path([span('client', { service: 'a', kind: 'CLIENT', start: 0, end: 100 }), span('server', { service: 'b', kind: 'SERVER', parent: 'client', start: -80, end: -20 })])).toEqual([
      'client 0-20',
      'server 20-80',
      'client 80-100',
    ]);
  });

  it('gives self time per span and per service along the path', () => {
    // gw [0 ──────────────── 100]
    // └── api [10 ─────── 90]
    //     └── db [20 ─ 70]
    const spans = [
      span('gw', { service: 'gw', start: 0, end: 100 }),
      span('api', { service: 'api', parent: 'gw', start: 10, end: 90 }),
      span('db', { service: 'db', parent: 'api', start: 20, end: 70 }),
    ];
    const a = analyzeTrace(spans);
    expect(a.selfTimeByService).toEqual({ gw: 20e6, api: 30e6, db: 50e6 });
    expect([...a.selfTimeNs]).toEqual([20e6, 30e6, 50e6]);
    expect(a.criticalPathSelfTimeBySpan.get(2)).toBe(50e6);
  });

  it('counts self time once for overlapping children', () => {
    // a [0 ───────────── 100]
    // ├── b [10 ──── 50]
    // └── c     [30 ──── 70]   union 10..70 → self 40
    const a = analyzeTrace([span('a', { start: 0, end: 100 }), span('b', { parent: 'a', start: 10, end: 50 }), span('c', { parent: 'a', start: 30, end: 70 })]);
    expect(a.selfTimeNs[0]).toBe(40e6);
  });

  it('handles a single zero-duration span and an empty trace', () => {
    expect(path([span('a', { start: 5, end: 5 })])).toEqual([]);
    expect(analyzeTrace([]).criticalPath).toEqual([]);
  });

  it('walks a 100k-deep chain without overflowing the stack', () => {
    const spans = [];
    const n = 100_000;
    for (let i = 0; i < n; i++) spans.push(span(`s${i}`, { parent: i === 0 ? null : `s${i - 1}`, start: i * 0.001, end: 1000 - i * 0.001 }));
    const a = analyzeTrace(spans);
    expect(a.criticalPath.length).toBe(2 * n - 1);
    expect(a.criticalPath[0]!.start).toBe(0);
    expect(a.criticalPath.at(-1)!.end).toBe(1000e6);
  });

  it('treats an overlap below the clock resolution as sequential (JS SDK whole-millisecond starts)', () => {
    // api [0 ───────────────────────────── 31]
    // ├── s1 [1 ──── 10.4]          ends 0.4 ms after s2 "starts": s2's start was truncated to 10 ms
    // ├── s2 [10 ──── 20.3]
    // └── s3 [20 ──── 30]
    // Followed back from 31: s3, then s2 (ends 0.3 ms into s3: sequential), then s1; api keeps only the gaps.
    expect(
      path([
        span('api', { start: 0, end: 31 }),
        span('s1', { parent: 'api', start: 1, end: 10.4 }),
        span('s2', { parent: 'api', start: 10, end: 20.3 }),
        span('s3', { parent: 'api', start: 20, end: 30 }),
      ]),
    ).toEqual(['api 0-1', 's1 1-10', 's2 10-20', 's3 20-30', 'api 30-31']);
    // With nanosecond clocks the same overlaps are real: s2 ran alongside s3 and is skipped, the gap goes to api.
    expect(
      path([
        span('api', { start: 0.0001, end: 31 }),
        span('s1', { parent: 'api', start: 1.0003, end: 10.4 }),
        span('s2', { parent: 'api', start: 10.0007, end: 20.3 }),
        span('s3', { parent: 'api', start: 20.0009, end: 30 }),
      ]),
    ).toEqual(['api 0-1.0002', 's1 1.0002-10.3999', 'api 10.3999-20.0008', 's3 20.0008-29.9999', 'api 29.9999-30.9999']);
  });
});
