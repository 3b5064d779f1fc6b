import { describe, expect, it } from 'vitest';
import { traceHrefForHit } from './trace-link';

describe('traceHrefForHit', () => {
  it('selects the first matched span when the query matched part of the trace', () => {
    expect(traceHrefForHit({ traceId: 'a'.repeat(32), matchedSpanIds: ['b'.repeat(16), 'c'.repeat(16)], spanCount: 5 })).toBe(`/traces/${'a'.repeat(32)}?span=${'b'.repeat(16)}`);
  });
  it('links the bare trace when every span matched (e.g. `{ }`) or none are known', () => {
    expect(traceHrefForHit({ traceId: 'a'.repeat(32), matchedSpanIds: ['b'.repeat(16)], spanCount: 1 })).toBe(`/traces/${'a'.repeat(32)}`);
    expect(traceHrefForHit({ traceId: 'a'.repeat(32), matchedSpanIds: [], spanCount: 3 })).toBe(`/traces/${'a'.repeat(32)}`);
  });
});
