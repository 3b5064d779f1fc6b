// Retention: whole day partitions older than the retention period are dropped (cheap: no row-by-row
// delete, no vacuum debt); the small summary and stream tables are trimmed by indexed deletes. The same
// periodic run creates today's and tomorrow's partitions ahead of the writers (partitions.ts).
import { dayOfUnixNano, ensureDayPartitions, forgetPartitions, listDayPartitions, NS_PER_DAY, type PartitionedTable } from './partitions';
import type { Queryable } from './queryable';

/**
 * How long dropping a partition may wait for its lock. DROP TABLE takes ACCESS EXCLUSIVE on the parent, and
 * every query of the table that arrives while it waits queues behind it: bounded, so a long search delays
 * others by at most this, and a drop that cannot get the lock is tried again on the next run.
 */
const DROP_LOCK_TIMEOUT = '2s';

export interface RetentionResult {
  droppedPartitions: string[];
  /** Partitions due for dropping whose lock was not granted in time (dropped on a later run). */
  deferredPartitions: string[];
  deletedSummaries: number;
  deletedStreams: number;
}

export async function runRetention(db: Queryable, retentionDays: number, nowMs = Date.now()): Promise<RetentionResult> {
  const nowNs = BigInt(nowMs) * 1_000_000n;
  const cutoffNs = nowNs - BigInt(retentionDays) * NS_PER_DAY;
  const droppedPartitions: string[] = [];
  const deferredPartitions: string[] = [];
  const today = dayOfUnixNano(nowNs);
  for (const table of ['spans', 'logs', 'metric_points'] as PartitionedTable[]) {
    await ensureDayPartitions(db, table, [today, today + 1]);
    const droppedDays: number[] = [];
    for (const partition of await listDayPartitions(db, table)) {
      const partitionEnd = BigInt(partition.day + 1) * NS_PER_DAY;
      if (partitionEnd > cutoffNs) continue;
      try {
        // One simple query is one transaction, so SET LOCAL bounds this DROP only.
        await db.query(`SET LOCAL lock_timeout = '${DROP_LOCK_TIMEOUT}'; DROP TABLE IF EXISTS "${partition.name}"`);
      } catch (error) {
        if ((error as { code?: string }).code !== '55P03') throw error;
        deferredPartitions.push(partition.name);
        continue;
      }
      droppedPartitions.push(partition.name);
      droppedDays.push(partition.day);
    }
    forgetPartitions(db, table, droppedDays);
  }
  const summaries = await db.query('DELETE FROM trace_summaries WHERE end_time_unix_nano < $1', [cutoffNs.toString()]);
  const streams = await db.query('DELETE FROM log_streams WHERE last_seen_unix_nano < $1', [cutoffNs.toString()]);
  return { droppedPartitions, deferredPartitions, deletedSummaries: summaries.rowCount ?? 0, deletedStreams: streams.rowCount ?? 0 };
}

/** Runs retention now and then every intervalMinutes; returns a stop function. Failures are logged, not fatal. */
export function scheduleRetention(db: Queryable, retentionDays: number, intervalMinutes: number): () => void {
  const run = () =>
    runRetention(db, retentionDays).then(
      (r) => {
        if (r.droppedPartitions.length > 0) console.info(`[retention] dropped ${r.droppedPartitions.join(', ')}`);
        if (r.deferredPartitions.length > 0) console.warn(`[retention] ${r.deferredPartitions.join(', ')} busy (a long query holds the table); dropping on the next run`);
      },
      (error: unknown) => console.error(`[retention] failed: ${(error as Error).message}`),
    );
  void run();
  const timer = setInterval(run, intervalMinutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
