import 'server-only';
// GET /api/skew: host clock offsets estimated from every CLIENT→SERVER pair that started in the window.
// Nanosecond values are decimal strings on the wire.
import { estimateHostOffsets } from '@/lib/domain/analysis/estimate-host-offsets';
import { exceedsSkewThreshold } from '@/lib/domain/analysis/host-offset';
import type { Queryable } from '../db/queryable';
import { readWindowSpans } from './read-window-spans';
import type { TimeWindow } from './time-window';

export interface SkewTable {
  fromUnixNano: string;
  toUnixNano: string;
  spanCount: number;
  /** True when the window held more spans than were read. */
  truncated: boolean;
  warnThresholdNs: string;
  hosts: {
    host: string;
    referenceHost: string;
    offsetNs: string;
    errorBoundNs: string;
    samples: number;
    consistent: boolean;
    /** Offset beyond SKEW_WARN_MS across its whole error interval: the condition that raises a clock-skew finding. */
    exceedsThreshold: boolean;
  }[];
}

export async function getSkewTable(db: Queryable, tenant: string, window: TimeWindow, skewWarnMs: number): Promise<SkewTable> {
  const { spans, truncated } = await readWindowSpans(db, tenant, window);
  const warnNs = skewWarnMs * 1e6;
  return {
    fromUnixNano: window.fromUnixNano.toString(),
    toUnixNano: window.toUnixNano.toString(),
    spanCount: spans.length,
    truncated,
    warnThresholdNs: String(warnNs),
    hosts: estimateHostOffsets(spans).map((o) => ({
      host: o.host,
      referenceHost: o.referenceHost,
      offsetNs: String(o.offsetNs),
      errorBoundNs: String(o.errorBoundNs),
      samples: o.samples,
      consistent: o.consistent,
      exceedsThreshold: exceedsSkewThreshold(o, warnNs),
    })),
  };
}
