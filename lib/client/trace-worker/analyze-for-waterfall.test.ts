import { describe, expect, it } from 'vitest';
import { span } from '@/test/support/trace-fixture';
import { analyzeForWaterfall } from './analyze-for-waterfall';

describe('analyzeForWaterfall', () => {
  it('hands the engine results to the waterfall port by span index', () => {
    // client A [0 ─────────── 100]
    // └── server B [-80 ── -20] ERROR → corrected [20, 80]
    const result = analyzeForWaterfall([
      span('client', { service: 'a', kind: 'CLIENT', start: 0, end: 100 }),
      span('server', { service: 'b', kind: 'SERVER', parent: 'client', start: -80, end: -20, error: true }),
    ]);
    expect([...result.offset]).toEqual([0, 100e6]);
    expect(result.reasonLabels[result.reasonCode[1]!]).toBe('centred in its parent');
    expect(result.reasonText(1)).toMatch(/did not fit inside parent client/);
    expect(result.reasonText(0)).toBeNull();
    // relative to the earliest raw start (the server's −80 ms)
    expect(result.criticalPath.map((s) => [s.span, s.start / 1e6, s.end / 1e6])).toEqual([
      [0, 80, 100],
      [1, 100, 160],
      [0, 160, 180],
    ]);
    expect(result.findings.map((f) => f.type)).toEqual(['root-cause-error', 'latency-hotspot', 'latency-hotspot', 'clock-skew']);
  });
});
