// The matching lines, newest first: time, severity, stream labels and metadata, the text, and a link to the
// correlated trace (and span) when the line carries one.
import Link from 'next/link';
import type { LogLine } from '@/lib/domain/model/log-line';
import { useFormatUnixNano } from '@/lib/client/time/time-zone-preference';
import { LogLineText } from './log-line-text';
import { TruncatedText } from '../text/truncated-text';

function Chips({ labels, kind }: { labels: Record<string, string>; kind: 'label' | 'meta' }) {
  return (
    <>
      {Object.entries(labels).map(([k, v]) => (
        <span key={`${kind}:${k}`} className={`chip chip-${kind}`}>
          {k}=<TruncatedText text={v} limit={200} />
        </span>
      ))}
    </>
  );
}

export function LogLines({ lines }: { lines: readonly LogLine[] }) {
  const formatTime = useFormatUnixNano();
  if (lines.length === 0) return <p className="muted">No lines match this query in this time range.</p>;
  return (
    <ol className="log-lines" data-testid="log-lines">
      {lines.map((l, i) => (
        <li key={`${l.timeUnixNano}:${i}`} className={`log-line severity-${(l.severityText ?? 'none').toLowerCase()}`}>
          <div className="log-meta">
            <time className="mono">{formatTime(l.timeUnixNano)}</time>
            {l.severityText && <span className="severity">{l.severityText}</span>}
            <Chips labels={l.labels} kind="label" />
            <Chips labels={l.metadata} kind="meta" />
            {l.traceId && (
              <Link className="trace-link" href={`/traces/${l.traceId}${l.spanId ? `?span=${l.spanId}&details=1` : ''}`}>
                trace {l.traceId.slice(0, 8)}…
              </Link>
            )}
          </div>
          <pre className="mono">
            <TruncatedText text={l.line} limit={2000} render={(text) => <LogLineText line={text} />} />
          </pre>
        </li>
      ))}
    </ol>
  );
}
