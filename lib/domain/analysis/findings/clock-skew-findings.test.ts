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
    expect(found[0]!.summary).toBe('clock of host.name:b-host is about 320ms behind: its spans were shifted by 320ms to fit their callers');
  });

  it('stays quiet under the threshold (SKEW_WARN_MS)', () => {
    expect(of(spans, 400e6)).toEqual([]);
  });

  it('reports a host offset measured from call pairs even when every child fits', () => {
    // client A [0 ───────── 100], server B [70 ── 90]: fits; θ ∈ [90 − 100, 70 − 0] = 30 ± 40 ms
    const fits = [span('client', { service: 'a', kind: 'CLIENT', start: 0, end: 100 }), span('server', { service: 'b', kind: 'SERVER', parent: 'client', start: 70, end: 90 })];
    const found = of(fits, 10e6);
    expect(found).toHaveLength(1);
    expect(found[0]!.summary).toBe('clock of host.name:b-host is 30ms ± 40ms off host.name:a-host (1 call pair(s))');
  });
});
