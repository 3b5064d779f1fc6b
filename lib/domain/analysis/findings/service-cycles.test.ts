import { describe, expect, it } from 'vitest';
import { span } from '@/test/support/trace-fixture';
import { analyzeTrace } from '../analyze-trace';

const of = (spans: ReturnType<typeof span>[], type: string) => analyzeTrace(spans).findings.filter((f) => f.type === type);

describe('service cycles in a trace', () => {
  it('reports a call chain that returns to a service already on it, with the path', () => {
    // orders [0 ─────────── 100]
    // └── orders (same service) [1 ── 99]
    //     └── billing [10 ──── 90]
    //         └── orders [20 ── 80]      ← back to orders
    //             └── billing [30 ─ 40]  ← back to billing (a second, distinct cycle)
    const found = of(
      [
        span('o1', { service: 'orders', start: 0, end: 100 }),
        span('o2', { service: 'orders', parent: 'o1', start: 1, end: 99 }),
        span('b1', { service: 'billing', parent: 'o2', start: 10, end: 90 }),
        span('o3', { service: 'orders', parent: 'b1', start: 20, end: 80 }),
        span('b2', { service: 'billing', parent: 'o3', start: 30, end: 40 }),
      ],
      'service-cycle',
    );
    expect(found.map((f) => f.services)).toEqual([
      ['orders', 'billing', 'orders'],
      ['billing', 'orders', 'billing'],
    ]);
    expect(found[0]!.spanIds).toEqual(['o2', 'b1', 'o3']);
    expect(found[0]!.summary).toBe('call chain returns to orders: orders → billing → orders');
  });

  it('reports each distinct path once and ignores siblings visiting the same service', () => {
    // a ─┬─ b ── a'      a ─┬─ b
    //    └─ b ── a''        └─ c     (no cycle on the right)
    const found = of(
      [
        span('a', { service: 'a', start: 0, end: 100 }),
        span('b1', { service: 'b', parent: 'a', start: 1, end: 10 }),
        span('a1', { service: 'a', parent: 'b1', start: 2, end: 3 }),
        span('b2', { service: 'b', parent: 'a', start: 11, end: 20 }),
        span('a2', { service: 'a', parent: 'b2', start: 12, end: 13 }),
        span('c', { service: 'c', parent: 'a', start: 21, end: 22 }),
      ],
      'service-cycle',
    );
    expect(found).toHaveLength(1);
    expect(
      of([span('a', { service: 'a', start: 0, end: 9 }), span('b', { service: 'b', parent: 'a', start: 1, end: 2 }), span('c', { service: 'c', parent: 'a', start: 3, end: 4 })], 'service-cycle'),
    ).toEqual([]);
  });
});

describe('wait-for cycles (potential distributed deadlocks)', () => {
  it('reports a re-entry into the same process whose inner span never finished', () => {
    // inventory@h1 [0 ───────── 100] (holds a lock)
    // └── pricing@h2 [10 ────── 90]
    //     └── inventory@h1 [20 ── never ends]  (waits for the lock)
    const found = of(
      [
        span('i1', { service: 'inventory', host: 'h1', start: 0, end: 100, error: true }),
        span('p', { service: 'pricing', host: 'h2', parent: 'i1', start: 10, end: 90, error: true }),
        span('i2', { service: 'inventory', host: 'h1', parent: 'p', start: 20, end: null }),
      ],
      'wait-for-cycle',
    );
    expect(found.map((f) => f.spanIds)).toEqual([
      ['i1', 'p', 'i2'],
      ['i1', 'p', 'i2'],
    ]);
    expect(found[0]!.summary).toContain('potential distributed deadlock: inventory → pricing → inventory');
    expect(found[1]!.summary).toBe('inventory inventory-op never finished; 2 caller(s) waited on it: inventory inventory-op → pricing pricing-op → inventory inventory-op');
  });

  it('reports spans waiting on each other through links while open at the same time', () => {
    // a [0 ─────── 100]
    // ├── x [10 ──── 80]  links to y (waits on y)
    // └── y [20 ──── 90]  links to x (waits on x)
    const found = of([span('a', { start: 0, end: 100 }), span('x', { parent: 'a', start: 10, end: 80, links: ['y'] }), span('y', { parent: 'a', start: 20, end: 90, links: ['x'] })], 'wait-for-cycle');
    expect(found).toHaveLength(1);
    expect([...found[0]!.spanIds].sort()).toEqual(['x', 'y']);
  });

  it('does not report links between spans that never overlapped, or finished chains', () => {
    expect(
      of([span('a', { start: 0, end: 100 }), span('x', { parent: 'a', start: 10, end: 20, links: ['y'] }), span('y', { parent: 'a', start: 30, end: 40, links: ['x'] })], 'wait-for-cycle'),
    ).toEqual([]);
  });
});
