import { describe, expect, it } from 'vitest';
import { ms, span } from '@/test/support/trace-fixture';
import { correctClockSkew, skewReasonText } from './clock-skew';
import { buildSpanTable } from './span-table';
import { buildSpanTree } from './span-tree';
import type { HostOffset } from './host-offset';

function correct(spans: ReturnType<typeof span>[], hostOffsets?: HostOffset[]) {
  const table = buildSpanTable(spans);
  const tree = buildSpanTree(table);
  const skew = correctClockSkew(table, tree, { hostOffsets });
  const at = (id: string) => spans.findIndex((s) => s.spanId === id);
  return {
    offsetMs: (id: string) => skew.offset[at(id)]! / 1e6,
    startMs: (id: string) => (skew.start[at(id)]! + Number(table.baseUnixNano - spans[0]!.startTimeUnixNano)) / 1e6,
    reason: (id: string) => skewReasonText(table, skew, at(id)) ?? undefined,
    skew,
    table,
  };
}

describe('correctClockSkew', () => {
  it('centres a server span that starts before its client on another host', () => {
    // client  [0 ─────────── 100]   host A
    // server [-30 ── 50]            host B: 80 ms in 100 ms, 10 ms latency each side → [10, 90]
    const r = correct([span('client', { kind: 'CLIENT', service: 'a', start: 0, end: 100 }), span('server', { kind: 'SERVER', service: 'b', parent: 'client', start: -30, end: 50 })]);
    expect(r.offsetMs('server')).toBe(40);
    expect(r.startMs('server')).toBe(10);
    expect(r.reason('server')).toMatch(/did not fit inside parent client/);
    expect(r.offsetMs('client')).toBe(0);
    expect(r.reason('client')).toBeUndefined();
  });

  it('moves same-host descendants with the shifted span, and fixes other hosts below it afresh', () => {
    // client A [0 ──────────── 100]
    // └── server B [200 ── 240]        → [30, 70], offset −170
    //     ├── db B [210 ── 220]       → same host, offset −170
    //     └── cache C [35 ── 45]      → fits inside corrected server, untouched
    const r = correct([
      span('client', { kind: 'CLIENT', service: 'a', start: 0, end: 100 }),
      span('server', { kind: 'SERVER', service: 'b', parent: 'client', start: 200, end: 240 }),
      span('db', { service: 'b', parent: 'server', start: 210, end: 220 }),
      span('cache', { kind: 'SERVER', service: 'c', parent: 'server', start: 35, end: 45 }),
    ]);
    expect(r.offsetMs('server')).toBe(-170);
    expect(r.offsetMs('db')).toBe(-170);
    expect(r.reason('db')).toMatch(/same host as parent server/);
    expect(r.offsetMs('cache')).toBe(0);
  });

  it('leaves a child that already fits alone, including equal timestamps and zero durations', () => {
    // a [0 ── 10]  ├── b [0 ── 10] (equal bounds, other host)  └── c [5 ── 5] (zero length, other host)
    const r = correct([span('a', { service: 'a', start: 0, end: 10 }), span('b', { service: 'b', parent: 'a', start: 0, end: 10 }), span('c', { service: 'c', parent: 'a', start: 5, end: 5 })]);
    expect(r.offsetMs('b')).toBe(0);
    expect(r.offsetMs('c')).toBe(0);
    expect(r.skew.reason.every((code) => code === 0)).toBe(true);
  });

  it('only moves a child longer than its parent so it does not start before it; durations never change', () => {
    // a [10 ── 20]
    // └── b [0 ────────── 50]  (longer) → [10, 60]
    // and c [15 ─────── 40] (longer, starts inside) → untouched
    const r = correct([span('a', { service: 'a', start: 10, end: 20 }), span('b', { service: 'b', parent: 'a', start: 0, end: 50 }), span('c', { service: 'c', parent: 'a', start: 15, end: 40 })]);
    expect(r.offsetMs('b')).toBe(10);
    expect(r.reason('b')).toMatch(/longer than parent a/);
    expect(r.offsetMs('c')).toBe(0);
    const { skew, table } = r;
    for (let i = 0; i < table.count; i++) expect(skew.end[i]! - skew.start[i]!).toBe(table.end[i]! - table.start[i]!);
  });

  it('does not fit consumers to producers: a consumer may run after its producer ended', () => {
    // producer A [0 ── 5]
    // └── consumer B [100 ── 120]
    const r = correct([span('p', { kind: 'PRODUCER', service: 'a', start: 0, end: 5 }), span('c', { kind: 'CONSUMER', service: 'b', parent: 'p', start: 100, end: 120 })]);
    expect(r.offsetMs('c')).toBe(0);
  });

  it('ignores same-host pairs (one clock) even when the child overhangs', () => {
    const r = correct([span('a', { service: 'a', start: 0, end: 10 }), span('b', { service: 'a', parent: 'a', start: -5, end: 3 })]);
    expect(r.offsetMs('b')).toBe(0);
  });

  it('applies a cross-trace host offset to a child that fits but is displaced', () => {
    // client A [0 ───────────── 100]; server B reads [85, 95]: fits, but B's clock is known to be 40 ms ahead
    const offsets: HostOffset[] = [{ host: 'host.name:b-host', referenceHost: 'host.name:a-host', offsetNs: 40e6, errorBoundNs: 2e6, samples: 50, consistent: true }];
    const r = correct([span('client', { kind: 'CLIENT', service: 'a', start: 0, end: 100 }), span('server', { kind: 'SERVER', service: 'b', parent: 'client', start: 85, end: 95 })], offsets);
    expect(r.offsetMs('server')).toBe(-40);
    expect(r.reason('server')).toMatch(/cross-trace estimate/);
  });

  it('keeps one offset per host within a trace once it is settled', () => {
    // a A [0 ─────────────── 100]
    // ├── b B [-50 ── -40]   → centred: +95 → [45, 55]
    // └── c B [-30 ── -20]   → B already +95 in this trace → [65, 75], fits: not re-centred
    const r = correct([
      span('a', { service: 'a', start: 0, end: 100 }),
      span('b', { service: 'b', parent: 'a', start: -50, end: -40 }),
      span('c', { service: 'b', parent: 'a', start: -30, end: -20 }),
    ]);
    expect(r.offsetMs('b')).toBe(95);
    expect(r.offsetMs('c')).toBe(95);
    expect(r.reason('c')).toMatch(/already shifted/);
  });

  it('never hangs on parent-id cycles and leaves unfinished spans starting inside their parent', () => {
    const r = correct([
      span('a', { service: 'a', start: 0, end: 10 }),
      span('b', { service: 'b', parent: 'a', start: -3, end: null }),
      span('l1', { service: 'c', parent: 'l2', start: 0, end: 1 }),
      span('l2', { service: 'd', parent: 'l1', start: 0, end: 1 }),
    ]);
    expect(r.offsetMs('b')).toBe(3);
    expect(ms(r.offsetMs('b'))).toBe(3_000_000n);
  });

  it('leaves a callee that outlived its failed caller alone: a timeout, not skew', () => {
    // pricing client B [0 ── 400] ERROR (gave up)
    // └── inventory server C [10 ───────── 1500]   starts inside, overruns the end: untouched
    const r = correct([
      span('call', { service: 'pricing', kind: 'CLIENT', start: 0, end: 400, error: true }),
      span('avail', { service: 'inventory', kind: 'SERVER', parent: 'call', start: 10, end: 1500 }),
    ]);
    expect(r.offsetMs('avail')).toBe(0);
  });

  it('moves a span on an already placed host just enough to fit, instead of re-centring', () => {
    // a A [0 ─────────────────── 100]
    // ├── b B [-50 ── -40]   → centred: +95 → [45, 55]; host B placed
    // └── c B [-20 ── 0]     → +95 → [75, 95]: fits
    // └── d B [0 ── 10]      → +95 → [95, 105]: overruns by 5 → nudged by −5 (offset 90), not re-centred
    const r = correct([
      span('a', { service: 'a', start: 0, end: 100 }),
      span('b', { service: 'b', parent: 'a', start: -50, end: -40 }),
      span('c', { service: 'b', parent: 'a', start: -20, end: 0 }),
      span('d', { service: 'b', parent: 'a', start: 0, end: 10 }),
    ]);
    expect(r.offsetMs('c')).toBe(95);
    expect(r.offsetMs('d')).toBe(90);
    expect(r.reason('d')).toMatch(/moved just enough to fit inside parent a/);
  });

  it("moves a consumer that started before its producer to the producer's start (async skew)", () => {
    // uploader PRODUCER [100 ─ 101]
    // ⇢ worker CONSUMER [-295 ── -280]   worker's clock is ~400 ms behind: impossible before the producer
    //   └── worker CLIENT [-294 ── -282]  moves with it
    const r = correct([
      span('p', { service: 'uploader', kind: 'PRODUCER', start: 100, end: 101 }),
      span('c', { service: 'worker', kind: 'CONSUMER', parent: 'p', start: -295, end: -280 }),
      span('w', { service: 'worker', kind: 'CLIENT', parent: 'c', start: -294, end: -282 }),
    ]);
    expect(r.offsetMs('c')).toBe(395);
    expect(r.offsetMs('w')).toBe(395);
    expect(r.reason('c')).toMatch(/consumer started before its producer p/);
    // A consumer after its producer (even long after) is left alone.
    expect(correct([span('p', { service: 'u', kind: 'PRODUCER', start: 100, end: 101 }), span('c', { service: 'w', kind: 'CONSUMER', parent: 'p', start: 900, end: 901 })]).offsetMs('c')).toBe(0);
  });

  it("moves a server span a little longer than its client, on a host far ahead, to the client's start", () => {
    // client A [0 ───── 10]
    // └── server B [300.2 ────── 310.5]   0.3 ms longer (ended on the socket's close), 300 ms ahead
    const r = correct([span('c', { service: 'a', kind: 'CLIENT', start: 0, end: 10 }), span('s', { service: 'b', kind: 'SERVER', parent: 'c', start: 300.2, end: 310.5 })]);
    expect(r.offsetMs('s')).toBeCloseTo(-300.2, 6);
  });

  it('treats overhangs below the clock resolution as fitting', () => {
    // client A [0 ───── 10]  (whole-ms starts: a millisecond clock)
    // └── server B [0.4 ──── 10.6]  overhangs by 0.6 ms < 1 ms resolution: not moved
    const r = correct([span('c', { service: 'a', kind: 'CLIENT', start: 0, end: 10 }), span('s', { service: 'b', kind: 'SERVER', parent: 'c', start: 0.4, end: 10.6 })]);
    expect(r.offsetMs('s')).toBe(0);
  });

  it('does not call a −0.6 ms start difference against a millisecond clock skew (issue 21 item 7)', () => {
    // client A [0.6 ───── 10.6]  (µs start: an hrtime clock)
    // └── server B [0 ──── 9]    (whole-ms start: Date.now()) starts 0.6 ms "before" its client: resolution, not skew
    const r = correct([span('c', { service: 'a', kind: 'CLIENT', start: 0.6, end: 10.6 }), span('s', { service: 'b', kind: 'SERVER', parent: 'c', start: 0, end: 9 })]);
    expect(r.offsetMs('s')).toBe(0);
    expect(r.reason('s')).toBeUndefined();
  });

  it('does not apply a cross-trace estimate of −0.6 ms that lies within its error bound', () => {
    // client A [0 ───── 10] └── server B [1 ── 9]; estimate: B runs 0.6 ms behind A, ± 1 ms
    const offsets: HostOffset[] = [{ host: 'host.name:b-host', referenceHost: 'host.name:a-host', offsetNs: -0.6e6, errorBoundNs: 1e6, samples: 50, consistent: true }];
    const r = correct(
      [span('c', { service: 'a', host: 'a-host', kind: 'CLIENT', start: 0, end: 10 }), span('s', { service: 'b', host: 'b-host', kind: 'SERVER', parent: 'c', start: 1, end: 9 })],
      offsets,
    );
    expect(r.offsetMs('s')).toBe(0);
  });
});
