import 'server-only';
// Skips redundant log_streams upserts. Every push moves a live stream's last_seen forward, so without this
// each batch would rewrite (and row-lock) its streams' rows. The cache remembers, per database and stream,
// the window this process last wrote: first_seen is at most `first`, last_seen at least `last`. A batch
// inside [first, last + LAST_SEEN_SLACK_NS] needs no upsert, so log_streams.last_seen may lag the newest line
// by up to the slack — readers widen their `last_seen >= start` test by the same amount (compile-logql.ts).
// Entries expire quickly so rows removed behind our back (retention) are re-created.
export const LAST_SEEN_SLACK_NS = 60_000_000_000n;
const ENTRY_TTL_MS = 30_000;

interface Window {
  first: bigint;
  last: bigint;
  at: number;
}

export interface StreamWindow {
  tenant: string;
  id: bigint;
  first: bigint;
  last: bigint;
}

const caches = new WeakMap<object, Map<string, Window>>();

function cacheFor(db: object): Map<string, Window> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

export function streamsNeedingUpsert<S extends StreamWindow>(db: object, streams: readonly S[], nowMs = Date.now()): S[] {
  const cache = cacheFor(db);
  return streams.filter((s) => {
    const w = cache.get(`${s.tenant}\0${s.id}`);
    return !w || nowMs - w.at > ENTRY_TTL_MS || s.first < w.first || s.last > w.last + LAST_SEEN_SLACK_NS;
  });
}

/** Call after the upsert of `streams` committed. */
export function rememberStreams(db: object, streams: readonly StreamWindow[], nowMs = Date.now()): void {
  const cache = cacheFor(db);
  if (cache.size > 100_000) cache.clear();
  for (const s of streams) cache.set(`${s.tenant}\0${s.id}`, { first: s.first, last: s.last, at: nowMs });
}
