import { describe, expect, it } from 'vitest';
import { span } from '@/test/support/trace-fixture';
import { spanAnalyzer } from './analyze-for-waterfall';
import type { CrossTraceOffsets } from './cross-trace-offsets';

describe('spanAnalyzer', () => {
  it('hands the engine results to the waterfall port by span index', () => {
    // client A [0 ─────────── 100]
    // └── server B [-80 ── -20] ERROR → corrected [20, 80]
    const input = [span('client', { service: 'a', kind: 'CLIENT', start: 0, end: 100 }), span('server', { service: 'b', kind: 'SERVER', parent: 'client', start: -80, end: -20, error: true })];
    const result = spanAnalyzer(null)(input);
    expect([...result.offset]).toEqual([0, 100e6]);
    expect(result.reasonLabels[result.reasonCode[1]!]).toBe('centred in its parent');
    // The caller names spans (the trace page from its skeleton): the result does not keep the input spans.
    const spanIdOf = (i: number) => input[i]!.spanId;
    expect(result.reasonText(1, spanIdOf)).toMatch(/did not fit inside parent client/);
    expect(result.reasonText(1, () => 'from-the-caller')).toMatch(/did not fit inside parent from-the-caller/);
    expect(result.reasonText(0, spanIdOf)).toBeNull();
    // relative to the earliest raw start (the server's −80 ms)
    expect(result.criticalPath.map((s) => [s.span, s.start / 1e6, s.end / 1e6])).toEqual([
      [0, 80, 100],
      [1, 100, 160],
      [0, 160, 180],
    ]);
    expect(result.findings.map((f) => f.type)).toEqual(['root-cause-error', 'latency-hotspot', 'latency-hotspot', 'clock-skew']);
  });
});

describe('spanAnalyzer with cross-trace host offsets', () => {
  // Cross-trace reasons name hosts, not spans.
  const noIds = () => {
    throw new Error('no span id needed');
  };
  // client on a-host [0 ──────────────────── 1000]
  // └── server on b-host [900 ─ 950] raw: fits, but b's clock runs 800 ms ahead of a's (from many traces),
  //     so it really ran at [100, 150].
  const spans = () => [
    span('client', { service: 'a', kind: 'CLIENT', start: 0, end: 1000 }),
    span('server', { service: 'b', kind: 'SERVER', parent: 'client', start: 900, end: 950 }),
    span('db', { service: 'b', kind: 'INTERNAL', parent: 'server', start: 910, end: 940 }),
  ];
  const table = (offsetMs: number, samples = 40): CrossTraceOffsets => ({
    skewWarnNs: 50e6,
    // Stored in host-name order: θ = clock(b-host) − clock(a-host).
    hostOffsets: [{ referenceHost: 'host.name:a-host', host: 'host.name:b-host', offsetNs: offsetMs * 1e6, errorBoundNs: 2e6, samples, consistent: true }],
  });

  it('leaves a child that fits alone without the table', () => {
    const result = spanAnalyzer(null)(spans());
    expect([...result.offset]).toEqual([0, 0, 0]);
    expect(result.crossTrace ?? null).toBeNull();
    expect(result.findings.map((f) => f.type)).not.toContain('clock-skew');
  });

  it('moves the displaced child and its same-host subtree by the estimate and says so', () => {
    const result = spanAnalyzer(table(800))(spans());
    expect([...result.offset]).toEqual([0, -800e6, -800e6]);
    expect(result.reasonLabels[result.reasonCode[1]!]).toBe('cross-trace host offset');
    expect(result.reasonText(1, noIds)).toBe("cross-trace estimate of host.name:b-host's clock against host.name:a-host: 800ms ± 2ms from 40 CLIENT→SERVER samples across traces");
    expect(result.reasonLabels[result.reasonCode[2]!]).toBe('moved with its parent');
    expect(result.crossTrace).toEqual({ hostPairs: 1, samples: 40 });
    const skewFinding = result.findings.find((f) => f.type === 'clock-skew');
    expect(skewFinding?.services).toContain('b');
  });

  it('reads the estimate in either orientation', () => {
    // The same pair stored the other way round: clock(a-host) − clock(b-host) = −800 ms.
    const flipped: CrossTraceOffsets = { skewWarnNs: 50e6, hostOffsets: [{ ...table(0).hostOffsets[0]!, referenceHost: 'host.name:b-host', host: 'host.name:a-host', offsetNs: -800e6 }] };
    const result = spanAnalyzer(flipped)(spans());
    expect([...result.offset]).toEqual([0, -800e6, -800e6]);
    expect(result.reasonText(1, noIds)).toMatch(/: 800ms ± 2ms from 40 /);
  });

  it('ignores an estimate within its own error bound', () => {
    const result = spanAnalyzer({ skewWarnNs: 50e6, hostOffsets: [{ ...table(1).hostOffsets[0]!, errorBoundNs: 5e6 }] })(spans());
    expect([...result.offset]).toEqual([0, 0, 0]);
    expect(result.crossTrace).toBeNull();
  });
});
