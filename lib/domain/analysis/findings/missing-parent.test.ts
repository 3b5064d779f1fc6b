import { describe, expect, it } from 'vitest';
import { span } from '@/test/support/trace-fixture';
import { analyzeTrace } from '../analyze-trace';

describe('missing parents', () => {
  it('reports orphans and parent-id cycles, keeping every span', () => {
    // a        x → (parent "lost")      l1 ⇄ l2 (each other's parent)
    const spans = [
      span('a', { start: 0, end: 10 }),
      span('x', { service: 'late', parent: 'lost', start: 1, end: 2 }),
      span('l1', { parent: 'l2', start: 3, end: 4 }),
      span('l2', { parent: 'l1', start: 3, end: 4 }),
    ];
    const a = analyzeTrace(spans);
    const found = a.findings.filter((f) => f.type === 'missing-parent');
    expect(found.map((f) => f.spanIds)).toEqual([['x'], ['l1']]);
    expect(found[0]!.summary).toBe('late late-op names parent lost which is not in the trace; kept as a root');
    expect(found[1]!.summary).toContain('parent-id cycle');
    expect(a.tree.order.length).toBe(4);
  });
});
