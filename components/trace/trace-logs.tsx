'use client';
// The trace page's Logs view: every log line of the trace on the corrected timeline (raw time beside it), each
// linked to its span, optionally only a span and its descendants (`lspan` in the URL), and a link that opens
// the same lines on /logs with the trace's query and time range. Lines are untrusted: rendered as text.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo } from 'react';
import { TRACE_LOG_LIMIT } from '@/lib/client/fetch-trace-logs';
import { logsHref } from '@/lib/client/logs/logs-search-params';
import { traceLogsQuery } from '@/lib/client/trace-queries';
import { traceLogsQuery as traceLogql } from '@/lib/domain/logs/trace-logs-query';
import { absoluteTimeRange } from '@/lib/domain/time/time-range';
import { formatDurationNs } from '@/lib/domain/time/format-duration';
import { useFormatUnixNano, useTimeZone } from '@/lib/client/time/time-zone-preference';
import { zoneLabel } from '@/lib/domain/time/time-zone';
import type { TraceViewState } from '@/lib/domain/waterfall/trace-view-state';
import { traceLogRows } from '@/lib/domain/waterfall/trace-log-rows';
import { nodeOfSpanId, type WaterfallData } from '@/lib/domain/waterfall/waterfall-data';
import { TruncatedText } from '../text/truncated-text';

// Lines a minute either side of the trace: logs are often written just before or after a span's bounds.
const RANGE_MARGIN_MS = 60_000;

export interface TraceLogsProps {
  traceId: string;
  data: WaterfallData;
  state: TraceViewState;
  onUpdate(patch: Partial<TraceViewState>): void;
  onSelect(node: number): void;
}

export function TraceLogs({ traceId, data, state, onUpdate, onSelect }: TraceLogsProps) {
  const logs = useQuery(traceLogsQuery(traceId));
  const zone = useTimeZone();
  const formatTime = useFormatUnixNano();
  const rows = useMemo(() => (logs.data ? traceLogRows(data, logs.data, state.logSpan) : []), [data, logs.data, state.logSpan]);
  const label = (node: number) => `${data.serviceIndex[node]! >= 0 ? data.services[data.serviceIndex[node]!] : '?'} ${data.names[data.nameIndex[node]!] ?? ''}`;
  const filterNode = state.logSpan ? nodeOfSpanId(data, state.logSpan) : -1;
  const href = useMemo(() => {
    const base = Number(BigInt(data.baseUnixNano) / 1_000_000n);
    let end = 0;
    for (let i = 0; i < data.tree.nodeCount; i++) end = Math.max(end, data.rawEnd[i]!);
    return logsHref({
      query: traceLogql(traceId, logs.data ?? [], data.services),
      range: absoluteTimeRange(base - RANGE_MARGIN_MS, base + Math.ceil(end / 1e6) + RANGE_MARGIN_MS),
    });
  }, [data, logs.data, traceId]);
  return (
    <section className="trace-logs" data-testid="trace-logs" aria-label="Logs of the trace">
      <div className="trace-logs-bar">
        {state.logSpan ? (
          <span data-testid="trace-logs-filter">
            Only <strong>{filterNode >= 0 ? label(filterNode) : state.logSpan}</strong> and its descendants{' '}
            <button type="button" onClick={() => onUpdate({ logSpan: null })}>
              Whole trace
            </button>
          </span>
        ) : (
          <button type="button" disabled={!state.span} onClick={() => onUpdate({ logSpan: state.span })} title={state.span ? undefined : 'Select a span first'}>
            Only the selected span and its descendants
          </button>
        )}
        <span className="muted" data-testid="trace-logs-count">
          {logs.data ? `${rows.length} line${rows.length === 1 ? '' : 's'}${logs.data.length >= TRACE_LOG_LIMIT ? ` (first ${TRACE_LOG_LIMIT} of the trace)` : ''}` : ''}
        </span>
        <Link href={href} data-testid="trace-logs-link">
          Open in Logs
        </Link>
      </div>
      {logs.isPending ? <p className="muted">Loading logs…</p> : null}
      {logs.isError ? <p className="muted">Logs unavailable.</p> : null}
      {logs.data && rows.length === 0 ? <p className="muted">No logs for {state.logSpan ? 'this span or its descendants' : 'this trace'}.</p> : null}
      {rows.length > 0 ? (
        <table className="trace-log-table">
          <thead>
            <tr>
              <th>Time (corrected)</th>
              <th>Raw time ({zoneLabel(zone, Date.now())})</th>
              <th>Span</th>
              <th>Level</th>
              <th>Line</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, k) => (
              <tr key={k} data-testid="trace-log-line">
                <td className="mono">{Number.isFinite(r.correctedNs) ? `+${formatDurationNs(BigInt(Math.round(r.correctedNs)))}` : ''}</td>
                <td className="mono muted">{formatTime(r.line.timeUnixNano)}</td>
                <td>
                  {r.node >= 0 ? (
                    <button type="button" className="link-button" onClick={() => onSelect(r.node)}>
                      {label(r.node)}
                    </button>
                  ) : (
                    <span className="muted">{r.line.spanId ?? '—'}</span>
                  )}
                </td>
                <td>{r.line.severityText ?? ''}</td>
                <td className="mono trace-log-text">
                  <TruncatedText text={r.line.line} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
