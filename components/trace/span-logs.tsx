'use client';
// The selected span's log lines (text only). A missing logs endpoint or no lines shows a quiet empty state.
import { useQuery } from '@tanstack/react-query';
import { spanLogsQuery } from '@/lib/client/trace-queries';
import { formatUnixNano } from '@/lib/domain/time/format-duration';
import { TruncatedText } from '../text/truncated-text';

export function SpanLogs({ traceId, spanId }: { traceId: string; spanId: string }) {
  const logs = useQuery(spanLogsQuery(traceId, spanId));
  return (
    <section className="detail-section" data-testid="span-logs">
      <h3>Logs</h3>
      {logs.isPending ? <p className="muted">Loading logs…</p> : null}
      {logs.isError ? <p className="muted">Logs unavailable.</p> : null}
      {logs.data && logs.data.length === 0 ? <p className="muted">No logs for this span.</p> : null}
      {logs.data && logs.data.length > 0 ? (
        <ol className="span-log-lines mono">
          {logs.data.slice(0, 500).map((l, k) => (
            <li key={k}>
              <span className="muted">{/^\d+$/.test(l.timeUnixNano) ? formatUnixNano(l.timeUnixNano) : l.timeUnixNano}</span>{' '}
              <span>{l.severityText ?? ""}</span> <TruncatedText text={l.line} />
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
