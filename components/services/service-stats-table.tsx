// Per-service request stats (entry spans: roots, server and consumer spans) over the window.
import Link from 'next/link';
import type { ServiceStatsRow } from '@/lib/domain/services/service-map';
import { formatDurationNs } from '@/lib/domain/time/format-duration';
import { Sparkline } from './sparkline';

export function ServiceStatsTable({ stats, searchHrefFor }: { stats: readonly ServiceStatsRow[]; searchHrefFor: (service: string) => string }) {
  return (
    <table className="data" data-testid="service-stats">
      <thead>
        <tr>
          <th>Service</th>
          <th>Requests</th>
          <th>Rate</th>
          <th>Error rate</th>
          <th>p50</th>
          <th>p95</th>
          <th>p99</th>
          <th>Requests over time</th>
        </tr>
      </thead>
      <tbody>
        {stats.map((s) => (
          <tr key={s.service} data-service={s.service}>
            <td>
              <Link href={searchHrefFor(s.service)}>{s.service}</Link>
            </td>
            <td>{s.requests}</td>
            <td className="mono">{s.ratePerSecond < 1 ? `${(s.ratePerSecond * 60).toFixed(1)}/min` : `${s.ratePerSecond.toFixed(1)}/s`}</td>
            <td className={s.errorRate > 0 ? 'error-text mono' : 'mono'}>{(s.errorRate * 100).toFixed(1)}%</td>
            <td className="mono">{formatDurationNs(s.p50Ns)}</td>
            <td className="mono">{formatDurationNs(s.p95Ns)}</td>
            <td className="mono">{formatDurationNs(s.p99Ns)}</td>
            <td>
              <Sparkline values={s.sparkline} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
