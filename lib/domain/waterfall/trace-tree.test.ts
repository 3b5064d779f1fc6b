import { describe, expect, it } from 'vitest';
import { collapseAll, collapseToDepth, expandAll, revealNode, toggleCollapsed } from './collapse';
import { findMatches, keepMaskForMatches } from './find-filter';
import { buildTraceTree, type TraceTree } from './trace-tree';
import { computeVisibleRows } from './visible-rows';

// Fixture (input order is scrambled on purpose; starts in brackets):
//
//   a [0]
//   ├── b [10]
//   │   └── c [12]
//   └── d [20]
//       ├── e [21]
//       └── f [25]
//   (missing x)
//   ├── g [5]        orphan: parent x never arrived
//   └── h [6]
const SPANS: [id: string, parent: string | null, start: number][] = [
  ['f', 'd', 25],
  ['d', 'a', 20],
  ['h', 'x', 6],
  ['a', null, 0],
  ['c', 'b', 12],
  ['g', 'x', 5],
  ['b', 'a', 10],
  ['e', 'd', 21],
];

function tree(spans = SPANS): TraceTree {
  return buildTraceTree({
    spanIds: spans.map((s) => s[0]),
    parentSpanIds: spans.map((s) => s[1]),
    start: Float64Array.from(spans.map((s) => s[2])),
  });
}

function label(t: TraceTree, node: number): string {
  return node < t.spanCount ? SPANS[node]![0] : `missing:${t.missingParentIds[node - t.spanCount]}`;
}

/** Visible rows drawn as indented labels, the way the waterfall shows them. */
function draw(t: TraceTree, rows: Int32Array): string[] {
  return Array.from(rows, (p) => '  '.repeat(t.depth[p]!) + label(t, t.order[p]!));
}

function nodeOf(id: string): number {
  return SPANS.findIndex((s) => s[0] === id);
}

describe('trace tree', () => {
  it('orders spans in pre-order by start time with depth, orphans under a missing-parent placeholder', () => {
    const t = tree();
    expect(draw(t, computeVisibleRows(t, new Set(), null))).toEqual(['a', '  b', '    c', '  d', '    e', '    f', 'missing:x', '  g', '  h']);
    expect(t.nodeCount).toBe(9);
    expect(t.subtreeEnd[t.posOf[nodeOf('d')]!]).toBe(6);
  });

  it('keeps spans that form a parent cycle instead of dropping them', () => {
    const t = buildTraceTree({ spanIds: ['p', 'q'], parentSpanIds: ['q', 'p'], start: Float64Array.from([1, 2]) });
    const rows = computeVisibleRows(t, new Set(), null);
    expect(rows.length).toBe(2);
  });

  it('handles a 200k-deep chain without overflowing the stack', () => {
    const n = 200_000;
    const ids = Array.from({ length: n }, (_, i) => `s${i}`);
    const t = buildTraceTree({ spanIds: ids, parentSpanIds: ids.map((_, i) => (i === 0 ? null : `s${i - 1}`)), start: new Float64Array(n) });
    expect(t.depth[n - 1]).toBe(n - 1);
  });
});

describe('visible rows and collapse', () => {
  it('hides the subtree of a collapsed node but keeps its row', () => {
    const t = tree();
    const collapsed = toggleCollapsed(new Set(), nodeOf('d'));
    expect(draw(t, computeVisibleRows(t, collapsed, null))).toEqual(['a', '  b', '    c', '  d', 'missing:x', '  g', '  h']);
    expect(toggleCollapsed(collapsed, nodeOf('d')).size).toBe(0);
  });

  it('collapse all leaves only the roots; expand all restores every row', () => {
    const t = tree();
    expect(draw(t, computeVisibleRows(t, collapseAll(t), null))).toEqual(['a', 'missing:x']);
    expect(computeVisibleRows(t, expandAll(), null).length).toBe(9);
  });

  it('collapses to a depth', () => {
    const t = tree();
    expect(draw(t, computeVisibleRows(t, collapseToDepth(t, 1), null))).toEqual(['a', '  b', '  d', 'missing:x', '  g', '  h']);
  });

  it('reveals a hidden node by opening its ancestors only', () => {
    const t = tree();
    const opened = revealNode(t, collapseAll(t), nodeOf('e'));
    expect(draw(t, computeVisibleRows(t, opened, null))).toEqual(['a', '  b', '  d', '    e', '    f', 'missing:x']);
  });
});

describe('find filter', () => {
  it('finds matches in pre-order and keeps only their ancestors and themselves', () => {
    const t = tree();
    const matches = findMatches(t, (node) => label(t, node), 'E');
    expect(Array.from(matches, (n) => label(t, n))).toEqual(['e']);
    const keep = keepMaskForMatches(t, matches);
    expect(draw(t, computeVisibleRows(t, new Set(), keep))).toEqual(['a', '  d', '    e']);
  });

  it('an empty query matches nothing', () => {
    expect(findMatches(tree(), () => 'x', '  ').length).toBe(0);
  });
});
