import 'server-only';
// Per-service figures from the aggregate rows (service-aggregates.ts): volume and errors of all spans (the
// map's node size) and request statistics of entry spans (roots, SERVER and CONSUMER spans: the requests a
// service handled) — rate per second, error rate, p50/p95/p99 and a sparkline. Sampled counts are scaled up
// once, after summing, so per-bucket rounding does not accumulate.
import type { ServiceStatsRow } from '@/lib/domain/services/service-map';
import { percentileNsText, SPARKLINE_BUCKETS, type AggregateRow } from './service-aggregates';
import { scaleCount, type TraceSample } from './sample-traces';
import type { ServiceGraphWindow } from './service-graph';

/** A stats row of the wire shape plus the node figures (volume and errors of all spans). */
export interface ServiceStats extends ServiceStatsRow {
  spans: number;
  spanErrors: number;
}

export function serviceStatsFrom(rows: readonly AggregateRow[], w: ServiceGraphWindow, sample: TraceSample): ServiceStats[] {
  const pct = new Map(rows.flatMap((r) => (r.row_kind === 'pct' ? [[r.a, r.pct] as const] : [])));
  const byService = new Map<string, ServiceStats>();
  for (const r of rows) {
    if (r.row_kind !== 'bucket') continue;
    let s = byService.get(r.a);
    if (!s) {
      const p = pct.get(r.a) ?? [];
      s = {
        service: r.a,
        spans: 0,
        spanErrors: 0,
        requests: 0,
        errors: 0,
        ratePerSecond: 0,
        errorRate: 0,
        p50Ns: percentileNsText(p[0]),
        p95Ns: percentileNsText(p[1]),
        p99Ns: percentileNsText(p[2]),
        sparkline: new Array<number>(SPARKLINE_BUCKETS).fill(0),
      };
      byService.set(r.a, s);
    }
    s.spans += r.n;
    s.spanErrors += r.e;
    s.requests += r.n2;
    s.errors += r.e2;
    if (r.bucket >= 0 && r.bucket < SPARKLINE_BUCKETS) s.sparkline[r.bucket] = (s.sparkline[r.bucket] ?? 0) + r.n2;
  }
  const seconds = Number(w.toNs - w.fromNs) / 1e9;
  return [...byService.values()]
    .sort((a, b) => a.service.localeCompare(b.service))
    .map((s) => ({
      ...s,
      spans: scaleCount(s.spans, sample),
      spanErrors: scaleCount(s.spanErrors, sample),
      requests: scaleCount(s.requests, sample),
      errors: scaleCount(s.errors, sample),
      sparkline: s.sparkline.map((n) => scaleCount(n, sample)),
      ratePerSecond: seconds > 0 ? scaleCount(s.requests, sample) / seconds : 0,
      errorRate: s.requests > 0 ? s.errors / s.requests : 0,
    }));
}
