import { describe, expect, it } from 'vitest';
import { compareOperations, operationKey } from './operation-comparison';

describe('compareOperations', () => {
  it('pairs operations across windows and puts the ones seen only under the fault first', () => {
    const before = new Map([[operationKey('gateway', 'POST /orders'), { count: 10, errorRate: 0, p95Ms: 20 }]]);
    const during = new Map([
      [operationKey('gateway', 'POST /orders'), { count: 12, errorRate: 0.5, p95Ms: 900 }],
      [operationKey('gateway', 'retry payment'), { count: 3, errorRate: 0, p95Ms: 5 }],
    ]);
    const result = compareOperations(before, during);
    expect(result.map((r) => [r.service, r.name, r.onlyDuring])).toEqual([
      ['gateway', 'retry payment', true],
      ['gateway', 'POST /orders', false],
    ]);
    expect(result[1]!.before!.p95Ms).toBe(20);
    expect(result[1]!.during!.errorRate).toBe(0.5);
  });

  it('keeps operations that vanished during the run, not marked as new', () => {
    const result = compareOperations(new Map([[operationKey('a', 'x'), { count: 1, errorRate: 0, p95Ms: 1 }]]), new Map());
    expect(result).toEqual([{ service: 'a', name: 'x', before: { count: 1, errorRate: 0, p95Ms: 1 }, during: null, onlyDuring: false }]);
  });
});
