import 'server-only';
// GET /api/skew: host clock offsets estimated from every CLIENT→SERVER pair that started in the window
// (combined by Postgres, see read-client-server-bounds.ts).
// Nanosecond values are decimal strings on the wire.
import { estimateHostOffsetsFromBounds } from '@/lib/domain/analysis/estimate-host-offsets';
import { exceedsSkewThreshold } from '@/lib/domain/analysis/host-offset';
import type pg from 'pg';
import { readClientServerBounds } from './read-client-server-bounds';
import type { TimeWindow } from './time-window';

export interface SkewTable {
  fromUnixNano: string;
  toUnixNano: string;
  /** CLIENT→SERVER pairs in the window. */
  sampleCount: number;
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

export async function getSkewTable(db: pg.Pool, tenant: string, window: TimeWindow, skewWarnMs: number): Promise<SkewTable> {
  const groups = await readClientServerBounds(db, tenant, window);
  const warnNs = skewWarnMs * 1e6;
  return {
    fromUnixNano: window.fromUnixNano.toString(),
    toUnixNano: window.toUnixNano.toString(),
    sampleCount: groups.reduce((n, g) => n + g.samples, 0),
    warnThresholdNs: String(warnNs),
    hosts: estimateHostOffsetsFromBounds(groups).map((o) => ({
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
