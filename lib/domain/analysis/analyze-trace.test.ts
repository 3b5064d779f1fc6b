import { describe, expect, it } from 'vitest';
import { generateTrace } from '@/test/support/generate-trace';
import { span } from '@/test/support/trace-fixture';
import { analyzeTrace } from './analyze-trace';
import { traceReport } from './analysis-report';
import { estimateHostOffsets } from './estimate-host-offsets';

describe('analyzeTrace', () => {
  it('handles multiple roots, duplicates, equal timestamps and zero durations together', () => {
    // r1 [0 ── 10]          r2 [0 ── 10] (second true root, same times)
    // ├── z [5 ─ 5]         └── dup "z" [2 ── 3]
    // └── e [0 ── 10]
    const spans = [
      span('r1', { start: 0, end: 10 }),
      span('z', { parent: 'r1', start: 5, end: 5 }),
      span('e', { parent: 'r1', start: 0, end: 10 }),
      span('r2', { start: 0, end: 10 }),
      span('z', { parent: 'r2', start: 2, end: 3 }),
    ];
    const a = analyzeTrace(spans);
    expect(a.tree.roots).toEqual([0, 3]);
    expect(a.tree.primaryRoot).toBe(0);
    expect(a.tree.duplicates).toEqual([4]);
    expect(a.criticalPath.map((s) => spans[s.span]!.spanId)).toEqual(['e']);
    expect(a.selfTimeByService).toEqual({ svc: 10e6 });
    expect(a.findings.map((f) => [f.type, f.spanIds])).toEqual([['latency-hotspot', ['e']]]);
  });

  it('reports times as exact unix-nanosecond strings, unfinished ends as null', () => {
    const spans = [span('a', { start: 0, end: 10 }), span('b', { parent: 'a', start: 0.000001, end: null })];
    const report = traceReport(analyzeTrace(spans));
    expect(report.spans[1]).toMatchObject({ startUnixNano: '1700000000000000001', endUnixNano: null, correctedEndUnixNano: null });
    expect(report.criticalPath).toEqual([
      { spanId: 'a', startUnixNano: '1700000000000000000', endUnixNano: '1700000000000000001' },
      { spanId: 'b', startUnixNano: '1700000000000000001', endUnixNano: '1700000000010000000' },
    ]);
  });

  it('makes every cross-host child of a generated skewed trace fit its parent and keeps durations', () => {
    const { spans } = generateTrace(5_000, 3);
    const a = analyzeTrace(spans);
    const { table, tree, skew } = a;
    let shifted = 0;
    for (let i = 0; i < table.count; i++) {
      expect(skew.end[i]! - skew.start[i]!).toBe(table.end[i]! - table.start[i]!);
      const p = tree.parent[i]!;
      // (a failed caller may be outlived by its callee: such children are deliberately not fitted)
      if (p < 0 || table.host[p] === table.host[i] || table.error[p]) continue;
      if (skew.offset[i] !== 0) shifted++;
      expect(skew.start[i]!).toBeGreaterThanOrEqual(skew.start[p]!);
      expect(skew.end[i]!).toBeLessThanOrEqual(skew.end[p]!);
    }
    expect(shifted).toBeGreaterThan(10);
    expect(a.findings.some((f) => f.type === 'clock-skew')).toBe(true);
  });

  it('brackets every injected host offset of a generated trace with the cross-trace estimate', () => {
    const { spans, hostOffsetNs } = generateTrace(20_000, 11);
    const estimates = estimateHostOffsets(spans);
    expect(estimates.length).toBeGreaterThan(20);
    for (const e of estimates) {
      const truth = hostOffsetNs.get(e.host.replace('host.name:', ''))! - hostOffsetNs.get(e.referenceHost.replace('host.name:', ''))!;
      expect(e.consistent).toBe(true);
      expect(Math.abs(e.offsetNs - truth)).toBeLessThanOrEqual(e.errorBoundNs + 1); // +1: rounding of the generated times
    }
  });
});
