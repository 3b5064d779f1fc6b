// The one time policy of every ingest path (issue 20 item 10): an item older than the retention period would
// be dropped by retention within the hour, and one far in the future would create day partitions years
// ahead, so neither is stored. OTLP counts such items in partialSuccess, Zipkin in its answer's `rejected`,
// Loki push in its 400 message (storing the rest of the push, as Loki does).
export const NS_PER_DAY = 86_400n * 1_000_000_000n;
/** How far ahead of the server's clock an item may be (Loki's creation grace period is of this order). */
export const MAX_FUTURE_NS = 3_600n * 1_000_000_000n;

export interface IngestWindow {
  /** Oldest accepted time (inclusive), unix ns. */
  minNs: bigint;
  /** Newest accepted time (inclusive), unix ns. */
  maxNs: bigint;
}

export function ingestWindow(nowNs: bigint, retentionDays: number): IngestWindow {
  return { minNs: nowNs - BigInt(retentionDays) * NS_PER_DAY, maxNs: nowNs + MAX_FUTURE_NS };
}

export const TOO_OLD = 'older than the retention period';
export const TOO_NEW = 'more than 1h in the future';

/** Why an item at `timeNs` is refused, or null when it is inside the window (or no window applies). */
export function windowProblem(timeNs: bigint, window: IngestWindow | undefined): string | null {
  if (!window) return null;
  if (timeNs < window.minNs) return TOO_OLD;
  if (timeNs > window.maxNs) return TOO_NEW;
  return null;
}
