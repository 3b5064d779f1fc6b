import { describe, expect, it } from 'vitest';
import { buildWaterfall } from './build-waterfall';
import { buildCauseStory } from './cause-story';
import { skeletonColumnsFromTuples } from './skeleton-columns';
import type { SkeletonSpan } from './waterfall-wire';

const MS = 1_000_000;
const id = (n: number) => n.toString(16).padStart(16, '0');
const host = { id: null, name: null, ip: null, serviceInstanceId: null };

//   1 gateway POST /api/charge (error)
//   └── 2 gateway call orders
//       └── 3 orders create order (error)
//           └── 4 orders call payment
//               └── 5 payment charge (error)
//                   └── 6 payment-db INSERT (error: the cause)
function data() {
  const services = ['gateway', 'orders', 'payment', 'payment-db'];
  const spans: SkeletonSpan[] = [
    [id(1), null, 'POST /api/charge', 2, 0, 100 * MS, 2, 'upstream failed', null, 0],
    [id(2), id(1), 'call orders', 3, 1 * MS, 99 * MS, 0, '', null, 0],
    [id(3), id(2), 'create order', 2, 2 * MS, 98 * MS, 2, 'payment failed', null, 1],
    [id(4), id(3), 'call payment', 3, 3 * MS, 97 * MS, 0, '', null, 1],
    [id(5), id(4), 'charge', 2, 4 * MS, 96 * MS, 2, 'db failed', null, 2],
    [id(6), id(5), 'INSERT', 3, 5 * MS, 95 * MS, 2, 'deadlock', null, 3],
  ];
  const wire = { traceId: 'a'.repeat(32), baseUnixNano: '1700000000000000000', spans, resources: services.map((serviceName) => ({ serviceName, attributes: {}, host })) };
  return buildWaterfall(skeletonColumnsFromTuples(wire), null).data;
}

describe('buildCauseStory', () => {
  it('starts at the cause, spreads once per service on the way up, and ends at what the caller saw', () => {
    const story = buildCauseStory(data(), id(6))!;
    expect(story.steps.map((s) => [s.role, s.service, s.name])).toEqual([
      ['started', 'payment-db', 'INSERT'],
      ['spread', 'payment', 'charge'],
      ['spread', 'orders', 'call payment'],
      ['saw', 'gateway', 'POST /api/charge'],
    ]);
    expect(story.steps[0]!.error).toBe(true);
    expect(story.steps[3]!.durationNs).toBe(100 * MS);
    expect(story.omitted).toBe(0);
  });

  it('is one step when the root itself is the cause, and null for an unknown span', () => {
    expect(buildCauseStory(data(), id(1))!.steps.map((s) => s.role)).toEqual(['started']);
    expect(buildCauseStory(data(), id(99))).toBeNull();
  });
});
