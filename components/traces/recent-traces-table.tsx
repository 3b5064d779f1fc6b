import Link from 'next/link';
import type { TraceSummary } from '@/lib/domain/model/trace-summary';
import { formatDurationNs, formatUnixNano } from '@/lib/domain/time/format-duration';

export function RecentTracesTable({ traces }: { traces: readonly TraceSummary[] }) {
  return (
    <table className="data" data-testid="recent-traces">
      <thead>
        <tr>
          <th>Root</th>
          <th>Start</th>
          <th>Duration</th>
          <th>Spans</th>
          <th>Errors</th>
          <th>Services</th>
        </tr>
      </thead>
      <tbody>
        {traces.map((t) => (
          <tr key={t.traceId}>
            <td>
              <Link href={`/traces/${t.traceId}`}>
                {t.rootService ?? '(missing root)'}: {t.rootName ?? t.traceId}
              </Link>
            </td>
            <td className="mono">{formatUnixNano(t.startUnixNano)}</td>
            <td className="mono">{formatDurationNs(t.durationNs)}</td>
            <td>{t.spanCount}</td>
            <td className={t.errorCount > 0 ? 'error-text' : undefined}>{t.errorCount}</td>
            <td>{t.services.join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
