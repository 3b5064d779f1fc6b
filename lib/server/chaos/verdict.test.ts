import { describe, expect, it } from 'vitest';
import type { IndicatorValue } from '@/lib/domain/chaos/run-view';
import { steadyStateVerdict } from './verdict';

const value = (v: number | null): IndicatorValue => ({ name: 'x', metric: 'p95', value: v, spans: v === null ? 0 : 10, fromIso: '', toIso: '' });

describe('steadyStateVerdict', () => {
  const indicators = [{ name: 'payment p95', selection: '{ }', metric: 'p95' as const, max: 500 }];

  it('says deviated with the value and the bound when an indicator leaves it', () => {
    expect(steadyStateVerdict(indicators, [value(80)], [value(812.5)])).toBe('steady state deviated: payment p95 812.500 > 500 (payment p95 (p95) 80 → 812.500)');
  });

  it('says held with the evidence when every indicator stays in bounds, and judges nothing without spans', () => {
    expect(steadyStateVerdict(indicators, [value(80)], [value(120)])).toBe('steady state held (payment p95 (p95) 80 → 120)');
    expect(steadyStateVerdict(indicators, [value(null)], [value(null)])).toBe('steady state held (payment p95 (p95) no spans → no spans)');
  });

  it('honours a lower bound (e.g. a rate that must not collapse)', () => {
    expect(steadyStateVerdict([{ name: 'rate', selection: '{ }', metric: 'rate', min: 5 }], [value(10)], [value(1)])).toMatch(/^steady state deviated: rate 1 < 5/);
  });
});
