import { describe, expect, it } from 'vitest';
import { span } from '@/test/support/trace-fixture';
import { analyzeTrace } from '../analyze-trace';

const of = (spans: ReturnType<typeof span>[], type: string) => analyzeTrace(spans).findings.filter((f) => f.type === type);

describe('error findings', () => {
  // gw [0 ─────────────── 100] ERROR
  // ├── api [10 ─────── 90] ERROR
  // │   ├── pay [20 ── 40] ERROR      ← root cause
  // │   └── stock [50 ── 60] ok
  // └── audit [91 ─ 95] ERROR          ← root cause (its own)
  const spans = [
    span('gw', { service: 'gateway', start: 0, end: 100, error: true }),
    span('api', { service: 'api', parent: 'gw', start: 10, end: 90, error: true }),
    span('pay', { service: 'payments', parent: 'api', start: 20, end: 40, error: true }),
    span('stock', { service: 'stock', parent: 'api', start: 50, end: 60 }),
    span('audit', { service: 'audit', parent: 'gw', start: 91, end: 95, error: true }),
  ];

  it('reports error spans with no failing descendant as root causes', () => {
    const found = of(spans, 'root-cause-error');
    expect(found.map((f) => f.spanIds)).toEqual([['audit'], ['pay']]);
    expect(found[1]!.services).toEqual(['payments']);
    expect(found[1]!.summary).toContain('payments payments-op failed: boom');
  });

  it('reports the chain of error spans above each root cause, root first', () => {
    const found = of(spans, 'error-propagation');
    expect(found.map((f) => f.spanIds)).toEqual([
      ['gw', 'audit'],
      ['gw', 'api', 'pay'],
    ]);
    expect(found[1]!.services).toEqual(['gateway', 'api', 'payments']);
    expect(found[1]!.summary).toContain('gateway → api → payments');
  });

  it('skips non-error spans in the chain and reports no propagation for a lone error', () => {
    // gw ERROR ── proxy ok ── db ERROR   ⇒ chain gw, db
    const chain = of(
      [
        span('gw', { service: 'gateway', start: 0, end: 10, error: true }),
        span('proxy', { service: 'proxy', parent: 'gw', start: 1, end: 9 }),
        span('db', { service: 'db', parent: 'proxy', start: 2, end: 8, error: true }),
      ],
      'error-propagation',
    );
    expect(chain.map((f) => f.spanIds)).toEqual([['gw', 'db']]);
    expect(of([span('a', { start: 0, end: 1, error: true })], 'error-propagation')).toEqual([]);
    expect(of([span('a', { start: 0, end: 1, error: true })], 'root-cause-error')).toHaveLength(1);
  });
});
