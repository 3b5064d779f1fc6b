import { describe, expect, it } from 'vitest';
import { dropOutsideWindow } from './drop-outside-window';

const stream = (...times: bigint[]) => ({ labels: { a: 'b' }, entries: times.map((t) => ({ timeUnixNano: t, line: `l${t}`, metadata: {} })) });

describe('dropOutsideWindow', () => {
  it('keeps entries inside the window, counts the others by reason and names the first', () => {
    const w = { minNs: 10n, maxNs: 20n };
    expect(dropOutsideWindow([stream(10n, 20n)], w)).toEqual({ streams: [stream(10n, 20n)], rejected: 0, message: '' });
    const out = dropOutsideWindow([stream(9n, 12n), stream(15n, 21n, 3n)], w);
    expect(out.streams.map((s) => s.entries.map((e) => e.timeUnixNano))).toEqual([[12n], [15n]]);
    expect(out.rejected).toBe(3);
    expect(out.message).toBe('3 rejected: older than the retention period (2), more than 1h in the future (1); first: streams[0] entry 0: timestamp 9 (oldest accepted 10)');
  });
});
