// Retention: whole day partitions older than the retention period are dropped (cheap: no row-by-row
// delete, no vacuum debt); the small summary and stream tables are trimmed by indexed deletes.
import { forgetPartitions, listDayPartitions, NS_PER_DAY, type PartitionedTable } from './partitions';
import type { Queryable } from './queryable';

export interface RetentionResult {
  droppedPartitions: string[];
  deletedSummaries: number;
  deletedStreams: number;
}

export async function runRetention(db: Queryable, retentionDays: number, nowMs = Date.now()): Promise<RetentionResult> {
  const nowNs = BigInt(nowMs) * 1_000_000n;
  const cutoffNs = nowNs - BigInt(retentionDays) * NS_PER_DAY;
  const droppedPartitions: string[] = [];
  for (const table of ['spans', 'logs', 'metric_points'] as PartitionedTable[]) {
    const droppedDays: number[] = [];
    for (const partition of await listDayPartitions(db, table)) {
      const partitionEnd = BigInt(partition.day + 1) * NS_PER_DAY;
      if (partitionEnd > cutoffNs) continue;
      await db.query(`DROP TABLE IF EXISTS "${partition.name}"`);
      droppedPartitions.push(partition.name);
      droppedDays.push(partition.day);
    }
    forgetPartitions(db, table, droppedDays);
  }
  const summaries = await db.query('DELETE FROM trace_summaries WHERE end_time_unix_nano < $1', [cutoffNs.toString()]);
  const streams = await db.query('DELETE FROM log_streams WHERE last_seen_unix_nano < $1', [cutoffNs.toString()]);
  return { droppedPartitions, deletedSummaries: summaries.rowCount ?? 0, deletedStreams: streams.rowCount ?? 0 };
}

/** Runs retention now and then every intervalMinutes; returns a stop function. Failures are logged, not fatal. */
export function scheduleRetention(db: Queryable, retentionDays: number, intervalMinutes: number): () => void {
  const run = () =>
    runRetention(db, retentionDays).then(
      (r) => {
        if (r.droppedPartitions.length > 0) console.info(`[retention] dropped ${r.droppedPartitions.join(', ')}`);
      },
      (error: unknown) => console.error(`[retention] failed: ${(error as Error).message}`),
    );
  void run();
  const timer = setInterval(run, intervalMinutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
