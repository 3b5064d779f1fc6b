'use client';
// Detail panel for the selected span: identity, times (corrected and raw, with the skew offset and reason),
// status, attributes, events (before the long resource list, so they are not below the fold), resource attributes, links (to the linked trace and span) and log lines.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { spanDetailQuery } from '@/lib/client/trace-queries';
import { formatDurationNs, formatUnixNano } from '@/lib/domain/time/format-duration';
import { writeViewState, DEFAULT_VIEW_STATE } from '@/lib/domain/waterfall/trace-view-state';
import { AddToInvestigation } from '@/components/investigations/add-to-investigation';
import { currentTraceView } from '@/components/investigations/trace-view-params';
import { ReplayAction } from '@/components/replay/replay-action';
import { AttributeTable } from './attribute-table';
import { SpanLogs } from './span-logs';
import type { WaterfallData } from '@/lib/domain/waterfall/waterfall-data';
import { TruncatedText } from '../text/truncated-text';

const KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const STATUS = ['unset', 'ok', 'error'];

// `local`: a trace opened from a file — no investigation, replay or stored logs for it.
export function SpanDetailPanel({ traceId, data, loadedAt, node, onClose, local = false }: { traceId: string; data: WaterfallData; loadedAt: number; node: number; onClose(): void; local?: boolean }) {
  const detail = useQuery(spanDetailQuery(traceId, loadedAt, node));
  const d = detail.data;
  if (!d) return <aside className="span-detail">{detail.isError ? 'Could not load span details.' : 'Loading…'}</aside>;
  const duration = BigInt(d.endUnixNano) - BigInt(d.startUnixNano);
  return (
    <aside className="span-detail" data-testid="span-detail" aria-label="Span details">
      <header>
        <h2>{d.name}</h2>
        <button type="button" onClick={onClose} aria-label="Close details">
          ×
        </button>
      </header>
      {local ? null : <AddToInvestigation label="Add span to investigation" testId="add-span-to-investigation" item={() => ({ kind: 'span', traceId, spanId: d.spanId, view: currentTraceView() })} />}
      <dl className="detail-facts">
        <dt>Service</dt>
        <dd>{d.serviceName}</dd>
        <dt>Kind</dt>
        <dd>{KINDS[d.kind] ?? d.kind}</dd>
        <dt>Span id</dt>
        <dd className="mono">{d.spanId}</dd>
        <dt>Parent</dt>
        <dd className="mono">{d.parentSpanId ?? '(root)'}</dd>
        <dt>Host</dt>
        <dd>{d.host.name ?? d.host.id ?? d.host.ip ?? d.host.serviceInstanceId ?? 'unknown'}</dd>
        <dt>Duration</dt>
        <dd>{formatDurationNs(duration)}</dd>
        <dt>Start (corrected)</dt>
        <dd data-testid="detail-corrected-start">{formatUnixNano(d.correctedStartUnixNano)}</dd>
        <dt>Start (raw)</dt>
        <dd data-testid="detail-raw-start">{formatUnixNano(d.startUnixNano)}</dd>
        {d.skewOffsetNs !== 0 ? (
          <>
            <dt>Skew offset</dt>
            <dd data-testid="detail-skew">
              {formatDurationNs(BigInt(d.skewOffsetNs))} — {d.skewReason ?? 'clock skew'}
            </dd>
          </>
        ) : null}
        <dt>Status</dt>
        <dd className={d.statusCode === 2 ? 'error-text' : ''}>
          {STATUS[d.statusCode] ?? d.statusCode}
          {d.statusMessage ? (
            <>
              : <TruncatedText text={d.statusMessage} />
            </>
          ) : null}
        </dd>
      </dl>
      {local ? null : <ReplayAction traceId={traceId} spanId={d.spanId} attributes={d.attributes} />}
      <AttributeTable title="Attributes" attributes={d.attributes} testId="detail-attributes" />
      {d.events.length > 0 ? (
        <section className="detail-section">
          <h3>
            Events <span className="muted">({d.events.length})</span>
          </h3>
          <ol>
            {d.events.map((ev, k) => (
              <li key={k}>
                <strong>{ev.name}</strong> <span className="muted">+{formatDurationNs(BigInt(ev.timeUnixNano) - BigInt(d.startUnixNano))}</span>
                {ev.attributes.map(([key, value]) => (
                  <div key={key} className="mono">
                    {key} = <TruncatedText text={value} />
                  </div>
                ))}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <AttributeTable title="Resource" attributes={d.resourceAttributes} />
      {d.links.length > 0 ? (
        <section className="detail-section">
          <h3>Links</h3>
          <ul>
            {d.links.map((l, k) => (
              <li key={k}>
                <Link className="mono" href={`/traces/${encodeURIComponent(l.traceId)}?${writeViewState({ ...DEFAULT_VIEW_STATE, span: l.spanId, details: true })}`}>
                  {l.traceId.slice(0, 12)}… / {l.spanId}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {local ? null : <SpanLogs traceId={traceId} data={data} spanId={d.spanId} />}
    </aside>
  );
}
