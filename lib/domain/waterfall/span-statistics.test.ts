import { describe, expect, it } from 'vitest';
import { buildWaterfall } from './build-waterfall';
import { skeletonColumnsFromTuples } from './skeleton-columns';
import { operationStatistics, selfTimes } from './span-statistics';
import { nodeOfSpanId } from './waterfall-data';
import type { SkeletonSpan } from './waterfall-wire';

// Trace (relative ms):
//
//   root [api] GET /orders 0..100
//   ├── a [db] SELECT 10..40          error
//   ├── b [db] SELECT 30..60          (overlaps a: 10..60 covered once)
//   └── c [cache] GET 90..130         (runs 30 ms past its parent: only 90..100 counts)
//       └── d [db] SELECT 95..96
const MS = 1_000_000;
const id = (n: number) => n.toString(16).padStart(16, '0');

function trace() {
  const spans: SkeletonSpan[] = [
    [id(1), null, 'GET /orders', 2, 0, 100 * MS, 0, '', null, 0],
    [id(2), id(1), 'SELECT', 3, 10 * MS, 40 * MS, 2, 'boom', null, 1],
    [id(3), id(1), 'SELECT', 3, 30 * MS, 60 * MS, 0, '', null, 1],
    [id(4), id(1), 'GET', 3, 90 * MS, 130 * MS, 0, '', null, 2],
    [id(5), id(4), 'SELECT', 3, 95 * MS, 96 * MS, 0, '', null, 1],
  ];
  const host = { id: null, name: null, ip: null, serviceInstanceId: null };
  const resources = ['api', 'db', 'cache'].map((serviceName) => ({ serviceName, attributes: {}, host }));
  return buildWaterfall(skeletonColumnsFromTuples({ traceId: 'a'.repeat(32), baseUnixNano: '1700000000000000000', spans, resources }), null).data;
}

describe('selfTimes', () => {
  it('subtracts the union of the children, clipped to the span', () => {
    const data = trace();
    const self = selfTimes(data);
    const at = (n: number) => self[nodeOfSpanId(data, id(n))]! / MS;
    expect(at(1)).toBe(100 - 50 - 10); // 10..60 and 90..100 covered
    expect(at(2)).toBe(30);
    expect(at(4)).toBe(39);
    expect(at(5)).toBe(1);
  });
});

describe('operationStatistics', () => {
  it('groups spans by service and operation with counts, errors, total, self and max', () => {
    const stats = operationStatistics(trace());
    const db = stats.find((s) => s.service === 'db' && s.operation === 'SELECT')!;
    expect(db).toMatchObject({ count: 3, errors: 1, totalNs: 61 * MS, selfNs: 61 * MS, maxNs: 30 * MS });
    expect(stats.map((s) => `${s.service}:${s.operation}`).sort()).toEqual(['api:GET /orders', 'cache:GET', 'db:SELECT']);
  });
});
