import { describe, expect, it } from 'vitest';
import { compareSetsHref, readCompareUrl } from './compare-url-state';

describe('compareSetsHref', () => {
  it('writes a sets view that reads back as the same selection, baseline and windows', () => {
    const sets = { selection: '{ span.tracehound.run.id = "r-1" }', range: { from: '1764385200000', to: 'now' }, baseline: '{ }', baselineRange: { from: '1764384900000', to: '1764385200000' } };
    const href = compareSetsHref(sets);
    expect(href.startsWith('/compare?mode=sets&')).toBe(true);
    const state = readCompareUrl(new URL(href, 'http://x').searchParams);
    expect(state).toMatchObject({ mode: 'sets', ...sets });
  });
});
