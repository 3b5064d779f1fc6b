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
    expect(found[0]!.summary).toBe('clock of host.name:b-host is about 320ms behind: its spans in this trace were shifted by 320ms');
  });

  it('stays quiet under the threshold (SKEW_WARN_MS)', () => {
    expect(of(spans, 400e6)).toEqual([]);
  });

  it('does not call a slow server skewed: one loose pair bounds the offset only loosely', () => {
    // client A [0 ───────── 100], server B [70 ── 90]: fits; θ ∈ [90 − 100, 70 − 0] = 30 ± 40 ms
    const fits = [span('client', { service: 'a', kind: 'CLIENT', start: 0, end: 100 }), span('server', { service: 'b', kind: 'SERVER', parent: 'client', start: 70, end: 90 })];
    expect(of(fits, 10e6)).toEqual([]);
    expect(analyzeTrace(fits).hostOffsets).toEqual([
      { host: 'host.name:b-host', referenceHost: 'host.name:a-host', offsetNs: 30e6, errorBoundNs: 40e6, samples: 1, consistent: true },
    ]);
  });

  it('reports a host that a cross-trace estimate puts beyond the threshold even when every child fits', () => {
    // client A [0 ───────── 100], server B reads [95 ── 99]: fits; the window's estimate says B is 80 ms ahead,
    // so the server is moved back by 80 ms to [15, 19] (still fits: no per-trace shift on top)
    const fits = [span('client', { service: 'a', kind: 'CLIENT', start: 0, end: 100 }), span('server', { service: 'b', kind: 'SERVER', parent: 'client', start: 95, end: 99 })];
    const hostOffsets = [{ host: 'host.name:b-host', referenceHost: 'host.name:a-host', offsetNs: 80e6, errorBoundNs: 5e6, samples: 40, consistent: true }];
    const analysis = analyzeTrace(fits, { hostOffsets });
    expect(analysis.skew.offset[1]).toBe(-80e6);
    const found = analysis.findings.filter((f) => f.type === 'clock-skew');
    expect(found.map((f) => f.summary)).toEqual([
      'clock of host.name:b-host is about 80ms ahead: its spans in this trace were shifted by -80ms',
    ]);
    // 80 ± 90 is consistent with no offset at all: neither applied nor reported
    const loose = analyzeTrace(fits, { hostOffsets: [{ ...hostOffsets[0]!, errorBoundNs: 90e6 }] });
    expect(loose.skew.offset[1]).toBe(0);
    expect(loose.findings.filter((f) => f.type === 'clock-skew')).toEqual([]);
  });
});
