'use client';
// Trace header: root service and operation, start, duration, counts, the clock-skew badge, the most likely cause (first) and the findings
// of the analysis engine, each linking to its spans.
import { AddToInvestigation } from '@/components/investigations/add-to-investigation';
import { TraceInvestigations } from '@/components/investigations/trace-investigations';
import { currentTraceView } from '@/components/investigations/trace-view-params';
import type { TraceSummary } from '@/lib/domain/model/trace-summary';
import { formatDurationNs, formatUnixNano } from '@/lib/domain/time/format-duration';
import { RowFlag, type WaterfallData } from '@/lib/domain/waterfall/waterfall-data';
import type { Timeline } from './timeline';
import { CompareWith } from './compare-with';

export interface TraceHeaderProps {
  summary: TraceSummary;
  data: WaterfallData | null;
  timeline: Timeline | null;
  onFinding(spanId: string): void;
}

// A cycle or a cascade involves several spans: each gets its own link (the finding's text names them in
// order). Capped so a 500-span finding cannot flood the header.
const MAX_FINDING_SPAN_LINKS = 10;

function FindingSpans({ type, spanIds, onFinding }: { type: string; spanIds: string[]; onFinding(spanId: string): void }) {
  return (
    <span className="finding-spans" data-testid="finding-spans">
      {spanIds.slice(0, MAX_FINDING_SPAN_LINKS).map((spanId, k) => (
        <button key={spanId + k} type="button" className="link-button" aria-label={`${type}: span ${k + 1} of ${spanIds.length}`} onClick={() => onFinding(spanId)}>
          {k + 1}
        </button>
      ))}
      {spanIds.length > MAX_FINDING_SPAN_LINKS ? <span className="muted">+{spanIds.length - MAX_FINDING_SPAN_LINKS}</span> : null}
    </span>
  );
}

export function TraceHeader({ summary, data, timeline, onFinding }: TraceHeaderProps) {
  const root = data && data.tree.nodeCount > 0 ? data.tree.order[0]! : -1;
  const rootIsSpan = data !== null && root >= 0 && (data.flags[root]! & RowFlag.PLACEHOLDER) === 0;
  const rootService = rootIsSpan ? data.services[data.serviceIndex[root]!] : summary.rootService;
  const rootName = rootIsSpan ? data.names[data.nameIndex[root]!] : summary.rootName;
  const duration = timeline ? BigInt(Math.round(timeline.full[1] - timeline.full[0])) : BigInt(summary.durationNs);
  return (
    <header className="trace-header">
      <h1>
        <span className="muted">{rootService ?? 'unknown service'}</span> {rootName ?? '(no root span yet)'}
      </h1>
      <div className="query-bar">
        <AddToInvestigation testId="add-trace-to-investigation" item={() => ({ kind: 'trace', traceId: summary.traceId, view: currentTraceView() })} />
        <TraceInvestigations traceId={summary.traceId} />
        <CompareWith traceId={summary.traceId} />
      </div>
      <dl className="trace-facts">
        <div><dt>Trace</dt><dd className="mono">{summary.traceId}</dd></div>
        <div><dt>Start</dt><dd>{formatUnixNano(data?.baseUnixNano ?? summary.startUnixNano)}</dd></div>
        <div><dt>Duration</dt><dd data-testid="trace-duration">{formatDurationNs(duration)}</dd></div>
        <div><dt>Spans</dt><dd data-testid="span-count">{data?.tree.spanCount ?? summary.spanCount}</dd></div>
        <div><dt>Services</dt><dd>{data?.services.length ?? summary.services.length}</dd></div>
        <div><dt>Errors</dt><dd className={(data?.errorCount ?? summary.errorCount) > 0 ? 'error-text' : ''}>{data?.errorCount ?? summary.errorCount}</dd></div>
        {data && data.movedSpanCount > 0 ? (
          <div>
            <dt>Clock skew</dt>
            <dd>
              <span className="badge" data-testid="skew-badge">corrected: {data.movedSpanCount} span{data.movedSpanCount === 1 ? '' : 's'} moved</span>
              {data.crossTrace ? (
                <small className="muted" data-testid="skew-cross-trace">
                  {' '}offsets from {data.crossTrace.samples} sample{data.crossTrace.samples === 1 ? '' : 's'} across traces
                </small>
              ) : null}
            </dd>
          </div>
        ) : null}
      </dl>
      {data?.analysisError ? <p className="muted">Analysis unavailable: {data.analysisError}</p> : null}
      {summary.diagnosis?.likelyCause ? (
        // The stored diagnosis read the spans' attributes (response statuses, recorded timeouts), which the
        // page's own analysis of the skeleton does not have: it is shown first when there is one.
        <p className="likely-cause" data-testid="likely-cause">
          <strong>Most likely cause:</strong>{' '}
          <button type="button" className="link-button" onClick={() => onFinding(summary.diagnosis!.likelyCause!.spanId)}>
            <span className="badge">{summary.diagnosis.likelyCause.type}</span> {summary.diagnosis.likelyCause.service}
          </button>{' '}
          — {summary.diagnosis.likelyCause.summary}
        </p>
      ) : data?.likelyCause ? (
        <p className="likely-cause" data-testid="likely-cause">
          <strong>Most likely cause:</strong>{' '}
          <button type="button" className="link-button" onClick={() => onFinding(data.likelyCause!.spanId)}>
            <span className="badge">{data.likelyCause.type}</span> {data.likelyCause.service}
          </button>{' '}
          — {data.likelyCause.summary} <small className="muted">({data.likelyCause.severity}, confidence {Math.round(data.likelyCause.confidence * 100)}%)</small>
        </p>
      ) : null}
      {data && data.findings.length > 0 ? (
        <ul className="findings" data-testid="findings">
          {data.findings.slice(0, 12).map((f, k) => (
            <li key={k}>
              <button type="button" className="link-button" disabled={f.spanIds.length === 0} onClick={() => f.spanIds[0] && onFinding(f.spanIds[0])}>
                <span className="badge">{f.type}</span> {f.summary}
              </button>
              {f.spanIds.length > 1 ? <FindingSpans type={f.type} spanIds={f.spanIds} onFinding={onFinding} /> : null}{' '}
              <AddToInvestigation
                label="Add"
                testId="add-finding-to-investigation"
                item={() => ({ kind: 'finding', traceId: summary.traceId, finding: { type: f.type, title: f.summary, spanIds: f.spanIds.slice(0, 200) }, view: currentTraceView() })}
              />
            </li>
          ))}
          {data.findings.length > 12 ? <li className="muted">…and {data.findings.length - 12} more</li> : null}
        </ul>
      ) : null}
    </header>
  );
}
