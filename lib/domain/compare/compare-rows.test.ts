import { describe, expect, it } from 'vitest';
import { span } from '@/test/support/trace-fixture';
import { CHANGE_ORDER, compareView, visibleCompareRows } from './compare-rows';
import { diffTraces } from './diff-traces';
import { diffPair } from './pair-diff';
import { STRICT_NOISE_PROFILE } from './noise-profile';
import { traceShape } from './trace-shape';

// A: root ─┬─ x ── x1        B: root ─┬─ x ── x1
//          └─ y ── y1                  ├─ y ── y1 (500 ms slower... no: y1 gone)
//                                      └─ z (new)
const a = [
  span('r', { start: 0, end: 100 }),
  span('x', { parent: 'r', name: 'x', start: 0, end: 10 }),
  span('x1', { parent: 'x', name: 'x1', start: 1, end: 9 }),
  span('y', { parent: 'r', name: 'y', start: 20, end: 30 }),
  span('y1', { parent: 'y', name: 'y1', start: 21, end: 29 }),
];
const b = [...a.filter((s) => s.spanId !== 'y1'), span('z', { parent: 'r', name: 'z', start: 40, end: 50 })];
const view = compareView(diffPair(traceShape(a), traceShape(b), STRICT_NOISE_PROFILE));
const names = (rows: Int32Array) => [...rows].map((i) => view.rows.names[view.rows.name[i]!]);

describe('compare rows', () => {
  it('lays the diff out in columns, NaN where a side has no spans', () => {
    expect(names(visibleCompareRows(view.rows, new Set(), false))).toEqual(['svc-op', 'x', 'x1', 'y', 'y1', 'z']);
    const z = 5;
    expect(view.rows.change[z]).toBe(2); // added
    expect(Number.isNaN(view.rows.start.a[z]!)).toBe(true);
    expect(view.rows.start.b[z]).toBe(40e6);
    expect([...view.rows.hasChildren]).toEqual([1, 1, 0, 1, 0, 0]);
  });

  it('agrees with the document node by node', () => {
    const diff = diffTraces(a, b, STRICT_NOISE_PROFILE);
    expect(view.summary).toEqual(diff.summary);
    expect(view.firstDivergence).toEqual(diff.firstDivergence);
    diff.nodes.forEach((node, i) => {
      expect(CHANGE_ORDER[view.rows.change[i]!]).toBe(node.change);
      expect(view.rows.parent[i]).toBe(node.parent);
      expect(view.rows.durationNs.a[i]).toBe(node.durationNs.a);
      expect(view.rows.durationNs.b[i]).toBe(node.durationNs.b);
      expect(view.rows.start.a[i]).toBe(node.window.a?.start ?? NaN);
      expect(view.rows.end.b[i]).toBe(node.window.b?.end ?? NaN);
      expect(view.rows.spanCount.b[i]).toBe(node.count.b);
      expect(view.rows.errors.a[i]).toBe(node.errors.a);
      expect(view.rows.names[view.rows.name[i]!]).toBe(node.name);
      expect(view.rows.services[view.rows.service[i]!]).toBe(node.service);
    });
  });

  it('skips collapsed subtrees and, with onlyChanges, unchanged branches', () => {
    expect(names(visibleCompareRows(view.rows, new Set([1, 3]), false))).toEqual(['svc-op', 'x', 'y', 'z']);
    // y changed (its self time grew when y1 went away), y1 was removed, z added; x's branch is unchanged
    expect(names(visibleCompareRows(view.rows, new Set(), true))).toEqual(['svc-op', 'y', 'y1', 'z']);
  });
});
