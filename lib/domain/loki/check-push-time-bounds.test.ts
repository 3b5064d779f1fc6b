import { describe, expect, it } from 'vitest';
import { checkPushTimeBounds } from './check-push-time-bounds';

const stream = (...times: bigint[]) => ({ labels: { a: 'b' }, entries: times.map((t) => ({ timeUnixNano: t, line: 'x', metadata: {} })) });

describe('checkPushTimeBounds', () => {
  it('accepts entries inside the bounds and names the first one outside', () => {
    expect(() => checkPushTimeBounds([stream(10n, 20n)], 10n, 20n)).not.toThrow();
    expect(() => checkPushTimeBounds([stream(10n), stream(15n, 21n)], 10n, 20n)).toThrow('streams[1] entry 1: timestamp 21 is too far in the future (limit 20)');
    expect(() => checkPushTimeBounds([stream(9n)], 10n, 20n)).toThrow('streams[0] entry 0: timestamp 9 is older than the retention period (limit 10)');
  });
});
