import { describe, expect, it } from 'vitest';
import { span } from '@/test/support/trace-fixture';
import { buildSpanTable } from './span-table';
import { buildSpanTree } from './span-tree';

const tree = (spans: ReturnType<typeof span>[]) => buildSpanTree(buildSpanTable(spans));

describe('buildSpanTree', () => {
  it('links children to parents and lists parents before children', () => {
    // a
    // ├── b
    // │   └── d
    // └── c
    const spans = [span('d', { parent: 'b', start: 2, end: 3 }), span('c', { parent: 'a', start: 5, end: 6 }), span('b', { parent: 'a', start: 1, end: 4 }), span('a', { start: 0, end: 10 })];
    const t = tree(spans);
    expect([...t.parent]).toEqual([2, 3, 3, -1]);
    expect(t.roots).toEqual([3]);
    expect(t.primaryRoot).toBe(3);
    expect([...t.order].map((i) => spans[i]!.spanId)).toEqual(['a', 'c', 'b', 'd']);
    expect([...t.depth]).toEqual([2, 1, 1, 0]);
    expect(t.orphans).toEqual([]);
  });

  it('keeps orphans as roots and reports them', () => {
    // a        x (parent "gone" not in trace)
    // └── b    └── y
    const spans = [span('a', { start: 0, end: 10 }), span('b', { parent: 'a', start: 1, end: 2 }), span('x', { parent: 'gone', start: 3, end: 20 }), span('y', { parent: 'x', start: 4, end: 5 })];
    const t = tree(spans);
    expect(t.orphans).toEqual([2]);
    expect(t.roots).toEqual([0, 2]);
    // the true root wins even though the orphan is longer
    expect(t.primaryRoot).toBe(0);
    expect(t.order.length).toBe(4);
  });

  it('picks the longest of several true roots', () => {
    const spans = [span('a', { start: 0, end: 5 }), span('b', { start: 1, end: 9 }), span('c', { start: 2, end: 3 })];
    expect(tree(spans).primaryRoot).toBe(1);
  });

  it('breaks parent-id cycles without hanging and keeps every span', () => {
    // a → b → c → a (each names the next as parent), plus d → d, plus e under c
    const spans = [
      span('a', { parent: 'c', start: 0, end: 10 }),
      span('b', { parent: 'a', start: 1, end: 9 }),
      span('c', { parent: 'b', start: 2, end: 8 }),
      span('d', { parent: 'd', start: 0, end: 1 }),
      span('e', { parent: 'c', start: 3, end: 4 }),
    ];
    const t = tree(spans);
    expect(t.cycleBreaks.length).toBe(2);
    expect(t.cycleBreaks).toContain(3);
    expect(t.order.length).toBe(5);
    expect(new Set(t.order).size).toBe(5);
    for (const r of t.cycleBreaks) expect(t.parent[r]).toBe(-1);
  });

  it('resolves duplicated span ids to the first occurrence and keeps the copy', () => {
    // a ── b ── c      b' (same id "b", later in the input) under a
    const spans = [span('a', { start: 0, end: 10 }), span('b', { parent: 'a', start: 1, end: 5 }), span('c', { parent: 'b', start: 2, end: 3 }), span('b', { parent: 'a', start: 6, end: 7 })];
    const t = tree(spans);
    expect(t.duplicates).toEqual([3]);
    expect(t.parent[2]).toBe(1);
    expect(t.parent[3]).toBe(0);
    expect(t.order.length).toBe(4);
  });

  it('handles an empty trace', () => {
    const t = tree([]);
    expect(t.primaryRoot).toBe(-1);
    expect(t.order.length).toBe(0);
  });
});
