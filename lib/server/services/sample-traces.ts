import 'server-only';
// Trace sampling for service-level aggregates over big windows. A trace is in the sample when the last byte
// of its (random) trace id is below `below` (1..256), so every span of a sampled trace is in, parent-child
// joins stay complete, and the fraction is below/256. The sample is chosen so that about SPAN_BUDGET spans
// are read: measured on 1M spans, the unsampled service map took ~4.6 s (docs/performance.md, "Search").
import { queryRows, type Queryable } from '../db/queryable';
import { sql } from '../db/sql-template';
import type { ServiceGraphWindow } from './service-graph';

export interface TraceSample {
  /** 256 = every trace. */
  below: number;
}

export const SPAN_BUDGET = 150_000;

export async function chooseSample(db: Queryable, w: ServiceGraphWindow, budget = SPAN_BUDGET): Promise<TraceSample> {
  const rows = await queryRows<{ spans: bigint | null }>(
    db,
    sql`SELECT sum(span_count)::int8 AS spans FROM trace_summaries
WHERE tenant = ${w.tenant} AND start_time_unix_nano >= ${w.fromNs.toString()}::int8 AND start_time_unix_nano < ${w.toNs.toString()}::int8`,
  );
  const spans = Number(rows[0]?.spans ?? 0n);
  if (spans <= budget) return { below: 256 };
  return { below: Math.max(1, Math.floor((256 * budget) / spans)) };
}

export function scaleCount(count: number, sample: TraceSample): number {
  return sample.below >= 256 ? count : Math.round((count * 256) / sample.below);
}
