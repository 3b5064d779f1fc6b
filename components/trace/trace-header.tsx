'use client';
// Trace header: root service and operation, start, duration, counts, the clock-skew badge, and the analysis (findings-panel.tsx).
import { AddToInvestigation } from '@/components/investigations/add-to-investigation';
import { TraceInvestigations } from '@/components/investigations/trace-investigations';
import { currentTraceView } from '@/components/investigations/trace-view-params';
import type { TraceSummary } from '@/lib/domain/model/trace-summary';
import { formatDurationNs } from '@/lib/domain/time/format-duration';
import { useFormatUnixNano, useTimeZone } from '@/lib/client/time/time-zone-preference';
import { zoneLabel } from '@/lib/domain/time/time-zone';
import { RowFlag, type WaterfallData } from '@/lib/domain/waterfall/waterfall-data';
import type { Timeline } from './timeline';
import { CompareWith } from './compare-with';
import { FindingsPanel } from './findings-panel';

export interface TraceHeaderProps {
  summary: TraceSummary;
  data: WaterfallData | null;
  timeline: Timeline | null;
  onFinding(spanId: string): void;
  /** Opened from a local file: nothing stored to investigate, list or compare with. */
  local?: boolean;
}

export function TraceHeader({ summary, data, timeline, onFinding, local = false }: TraceHeaderProps) {
  const zone = useTimeZone();
  const formatTime = useFormatUnixNano();
  const root = data && data.tree.nodeCount > 0 ? data.tree.order[0]! : -1;
  const rootIsSpan = data !== null && root >= 0 && (data.flags[root]! & RowFlag.PLACEHOLDER) === 0;
  const rootService = rootIsSpan ? data.services[data.serviceIndex[root]!] : summary.rootService;
  const rootName = rootIsSpan ? data.names[data.nameIndex[root]!] : summary.rootName;
  const duration = timeline ? BigInt(Math.round(timeline.full[1] - timeline.full[0])) : BigInt(summary.durationNs);
  return (
    <header className="trace-header">
      {/* Title and actions share one line: at 1280×720 every line here is a waterfall row less. */}
      <div className="trace-header-top">
        <h1>
          <span className="muted">{rootService ?? 'unknown service'}</span> {rootName ?? '(no root span yet)'}
        </h1>
        {local ? (
          <span className="badge" data-testid="local-badge">
            local file · not stored
          </span>
        ) : (
          <div className="query-bar">
            <AddToInvestigation testId="add-trace-to-investigation" item={() => ({ kind: 'trace', traceId: summary.traceId, view: currentTraceView() })} />
            <TraceInvestigations traceId={summary.traceId} />
            <CompareWith traceId={summary.traceId} />
          </div>
        )}
      </div>
      <dl className="trace-facts">
        <div>
          <dt>Trace</dt>
          <dd className="mono">{summary.traceId}</dd>
        </div>
        <div>
          <dt>Start</dt>
          <dd data-testid="trace-start">
            {formatTime(data?.baseUnixNano ?? summary.startUnixNano)} <small className="muted">{zoneLabel(zone, Date.now())}</small>
          </dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd data-testid="trace-duration">{formatDurationNs(duration)}</dd>
        </div>
        <div>
          <dt>Spans</dt>
          <dd data-testid="span-count">{data?.tree.spanCount ?? summary.spanCount}</dd>
        </div>
        <div>
          <dt>Services</dt>
          <dd>{data?.services.length ?? summary.services.length}</dd>
        </div>
        <div>
          <dt>Errors</dt>
          <dd className={(data?.errorCount ?? summary.errorCount) > 0 ? 'error-text' : ''}>{data?.errorCount ?? summary.errorCount}</dd>
        </div>
        {data && data.movedSpanCount > 0 ? (
          <div>
            <dt>Clock skew</dt>
            <dd>
              <span className="badge" data-testid="skew-badge">
                corrected: {data.movedSpanCount} span{data.movedSpanCount === 1 ? '' : 's'} moved
              </span>
              {data.crossTrace ? (
                <small className="muted" data-testid="skew-cross-trace">
                  {' '}
                  offsets from {data.crossTrace.samples} sample{data.crossTrace.samples === 1 ? '' : 's'} across traces
                </small>
              ) : null}
            </dd>
          </div>
        ) : null}
      </dl>
      {data?.analysisError ? <p className="muted">Analysis unavailable: {data.analysisError}</p> : null}
      <FindingsPanel
        traceId={summary.traceId}
        data={data}
        // The stored diagnosis read the spans' attributes (response statuses, recorded timeouts), which the
        // page's own analysis of the skeleton does not have: it is preferred when there is one.
        cause={summary.diagnosis?.likelyCause ?? data?.likelyCause ?? null}
        onFinding={onFinding}
        local={local}
      />
    </header>
  );
}
