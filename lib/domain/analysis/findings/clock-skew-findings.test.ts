import { describe, expect, it } from 'vitest';
import { span } from '@/test/support/trace-fixture';
import { analyzeTrace } from '../analyze-trace';

const of = (spans: ReturnType<typeof span>[], skewWarnNs?: number) => analyzeTrace(spans, { skewWarnNs }).findings.filter((f) => f.type === 'clock-skew');

describe('clock-skew findings', () => {
  // client A [0 ─────────── 100]
  // └── server B [-300 ── -240] → shifted +320 (centred)
  //     └── db B [-290 ── -250] → same host, +320
  const spans = [
    span('client', { service: 'a', kind: 'CLIENT', start: 0, end: 100 }),
    span('server', { service: 'b', kind: 'SERVER', parent: 'client', start: -300, end: -240 }),
    span('db', { service: 'b', parent: 'server', start: -290, end: -250 }),
  ];

  it('reports a host whose spans had to move more than the threshold', () => {
    const found = of(spans);
    expect(found).toHaveLength(1);
    expect(found[0]!.spanIds).toEqual(['server', 'db']);
    expect(found[0]!.summary).toBe('clock of host.name:b-host is about 320ms behind: its 2 span(s) in this trace were shifted by 320ms');
  });

  it('stays quiet under the threshold (SKEW_WARN_MS)', () => {
    expect(of(spans, 400e6)).toEqual([]);
  });

  it('does not call a slow server skewed: one loose pair bounds the offset only loosely', () => {
    // client A [0 ───────── 100], server B [70 ── 90]: fits; θ ∈ [90 − 100, 70 − 0] = 30 ± 40 ms, ± 41 ms widened by the 1 ms clock resolution
    const fits = [span('client', { service: 'a', kind: 'CLIENT', start: 0, end: 100 }), span('server', { service: 'b', kind: 'SERVER', parent: 'client', start: 70, end: 90 })];
    expect(of(fits, 10e6)).toEqual([]);
    expect(analyzeTrace(fits).hostOffsets).toEqual([{ host: 'host.name:b-host', referenceHost: 'host.name:a-host', offsetNs: 30e6, errorBoundNs: 41e6, samples: 1, consistent: true }]);
  });

  it('reports a host that a cross-trace estimate puts beyond the threshold even when every child fits', () => {
    // client A [0 ───────── 100], server B reads [95 ── 99]: fits; the window's estimate says B is 80 ms ahead,
    // so the server is moved back by 80 ms to [15, 19] (still fits: no per-trace shift on top)
    const fits = [span('client', { service: 'a', kind: 'CLIENT', start: 0, end: 100 }), span('server', { service: 'b', kind: 'SERVER', parent: 'client', start: 95, end: 99 })];
    const hostOffsets = [{ host: 'host.name:b-host', referenceHost: 'host.name:a-host', offsetNs: 80e6, errorBoundNs: 5e6, samples: 40, consistent: true }];
    const analysis = analyzeTrace(fits, { hostOffsets });
    expect(analysis.skew.offset[1]).toBe(-80e6);
    const found = analysis.findings.filter((f) => f.type === 'clock-skew');
    expect(found.map((f) => f.summary)).toEqual(['clock of host.name:b-host is about 80ms ahead: its 1 span(s) in this trace were shifted by -80ms']);
    // 80 ± 90 is consistent with no offset at all: neither applied nor reported
    const loose = analyzeTrace(fits, { hostOffsets: [{ ...hostOffsets[0]!, errorBoundNs: 90e6 }] });
    expect(loose.skew.offset[1]).toBe(0);
    expect(loose.findings.filter((f) => f.type === 'clock-skew')).toEqual([]);
  });

  it('reports the median shift of a host with its range, not the one outlier', () => {
    // root A [0 ──────────────────────────────────────────── 1100]
    // ├── c0 A [0 ─ 20]      └── s0 B [36 ─ 54]     18 ms inside a 20 ms call, read 35 ms late: centred, −35 ms
    // ├── … c1..c4 the same, 150 ms apart
    // └── c5 A [750 ─ 770]   └── s5 B [966 ─ 984]   one outlier read 215 ms late: B is already placed, so nudged just inside, −214 ms
    const spans = [span('root', { service: 'a', start: 0, end: 1100 })];
    for (let k = 0; k < 6; k++) {
      const t = k * 150;
      const late = k === 5 ? 216 : 36;
      spans.push(span(`c${k}`, { service: 'a', kind: 'CLIENT', parent: 'root', start: t, end: t + 20 }));
      spans.push(span(`s${k}`, { service: 'b', kind: 'SERVER', parent: `c${k}`, start: t + late, end: t + late + 18 }));
    }
    const found = of(spans, 30e6);
    expect(found).toHaveLength(1);
    expect(found[0]!.summary).toBe('clock of host.name:b-host is about 35ms ahead: its 6 span(s) in this trace were shifted by -35ms (from -214ms to -35ms)');
  });

  it('chains estimates through measured hosts and calls off the host that is off, not its peer', () => {
    // The window measured B against A (≈ 0) and C against B (700 ms ahead). This trace has A → C only:
    // C is placed 700 ms back through B, and C — not B, not A — is reported.
    const trace = [span('client', { service: 'a', kind: 'CLIENT', start: 0, end: 100 }), span('server', { service: 'c', kind: 'SERVER', parent: 'client', start: 730, end: 760 })];
    const hostOffsets = [
      { host: 'host.name:b-host', referenceHost: 'host.name:a-host', offsetNs: 0.2e6, errorBoundNs: 1e6, samples: 30, consistent: true },
      { host: 'host.name:c-host', referenceHost: 'host.name:b-host', offsetNs: 700e6, errorBoundNs: 2e6, samples: 12, consistent: true },
    ];
    const analysis = analyzeTrace(trace, { hostOffsets });
    expect(analysis.skew.offset[1]).toBe(-700.2e6);
    expect(analysis.findings.filter((f) => f.type === 'clock-skew').map((f) => f.spanIds)).toEqual([['server']]);
    // Without the trace's root host in the chain, a B–C estimate alone does not say which of the two is off.
    const onlyBC = analyzeTrace([span('x', { service: 'a', start: 0, end: 5 }), span('y', { service: 'b', parent: 'x', start: 1, end: 2 })], { hostOffsets: [hostOffsets[1]!] });
    expect(onlyBC.findings.filter((f) => f.type === 'clock-skew')).toEqual([]);
  });
});
