'use client';
// The selected span's log lines (text only). A server span rarely logs itself — its handlers do — so when it
// has no lines of its own, its descendants' lines are shown (from the trace's lines, placed by trace-log-rows).
// A missing logs endpoint or no lines shows a quiet empty state.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { spanLogsQuery, traceLogsQuery } from '@/lib/client/trace-queries';
import type { LogLine } from '@/lib/domain/model/log-line';
import { useFormatUnixNano } from '@/lib/client/time/time-zone-preference';
import { traceLogRows } from '@/lib/domain/waterfall/trace-log-rows';
import type { WaterfallData } from '@/lib/domain/waterfall/waterfall-data';
import { TruncatedText } from '../text/truncated-text';

function LogList({ lines, data, withSpan }: { lines: readonly LogLine[]; data: WaterfallData; withSpan: boolean }) {
  const formatTime = useFormatUnixNano();
  const spanLabel = (spanId: string | null) => {
    const at = spanId ? data.spanIds.indexOf(spanId) : -1;
    const node = at >= 0 && at % 16 === 0 ? at / 16 : -1;
    return node >= 0 ? `${data.services[data.serviceIndex[node]!] ?? '?'} ${data.names[data.nameIndex[node]!] ?? ''}` : '';
  };
  return (
    <ol className="span-log-lines mono">
      {lines.slice(0, 500).map((l, k) => (
        <li key={k}>
          <span className="muted">{formatTime(l.timeUnixNano)}</span> {withSpan ? <span className="muted">[{spanLabel(l.spanId)}] </span> : null}
          <span>{l.severityText ?? ''}</span> <TruncatedText text={l.line} />
        </li>
      ))}
    </ol>
  );
}

export function SpanLogs({ traceId, data, spanId }: { traceId: string; data: WaterfallData; spanId: string }) {
  const logs = useQuery(spanLogsQuery(traceId, spanId));
  const own = logs.data ?? null;
  const trace = useQuery({ ...traceLogsQuery(traceId), enabled: own !== null && own.length === 0 });
  const descendants = useMemo(() => (own && own.length === 0 && trace.data ? traceLogRows(data, trace.data, spanId).map((r) => r.line) : []), [own, trace.data, data, spanId]);
  return (
    <section className="detail-section" data-testid="span-logs">
      <h3>Logs</h3>
      {logs.isPending ? <p className="muted">Loading logs…</p> : null}
      {logs.isError ? <p className="muted">Logs unavailable.</p> : null}
      {own && own.length === 0 && descendants.length === 0 && !trace.isPending ? <p className="muted">No logs for this span.</p> : null}
      {own && own.length === 0 && descendants.length > 0 ? (
        <>
          <p className="muted" data-testid="descendant-logs">
            No logs of its own; {descendants.length} line{descendants.length === 1 ? '' : 's'} from its descendants:
          </p>
          <LogList lines={descendants} data={data} withSpan />
        </>
      ) : null}
      {own && own.length > 0 ? <LogList lines={own} data={data} withSpan={false} /> : null}
    </section>
  );
}
