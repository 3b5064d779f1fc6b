import { describe, expect, it } from 'vitest';
import { LAST_SEEN_SLACK_NS, rememberStreams, streamsNeedingUpsert } from './stream-window-cache';

describe('stream window cache', () => {
  it('skips upserts inside the remembered window plus slack, and only then', () => {
    const db = {};
    const s = { tenant: 't', id: 1n, first: 100n, last: 200n };
    expect(streamsNeedingUpsert(db, [s], 0)).toEqual([s]);
    rememberStreams(db, [s], 0);
    expect(streamsNeedingUpsert(db, [{ ...s, first: 150n, last: 200n + LAST_SEEN_SLACK_NS }], 1)).toEqual([]);
    expect(streamsNeedingUpsert(db, [{ ...s, last: 201n + LAST_SEEN_SLACK_NS }], 1)).toHaveLength(1);
    expect(streamsNeedingUpsert(db, [{ ...s, first: 99n }], 1)).toHaveLength(1);
    expect(streamsNeedingUpsert(db, [{ ...s, tenant: 'other' }], 1)).toHaveLength(1);
    // Entries expire, and caches are per database handle.
    expect(streamsNeedingUpsert(db, [s], 60_000)).toHaveLength(1);
    expect(streamsNeedingUpsert({}, [s], 1)).toHaveLength(1);
  });
});
