'use client';
// The analysis on the trace page: the one most likely cause as a short story (started → spread → caller saw),
// each step a link to its span, then the findings list — identical findings grouped with a count, ordered by
// severity, informational ones styled apart — collapsed to a one-line summary so the waterfall keeps its rows.
import { useMemo } from 'react';
import { AddToInvestigation } from '@/components/investigations/add-to-investigation';
import { currentTraceView } from '@/components/investigations/trace-view-params';
import { buildCauseStory, type StoryStep } from '@/lib/domain/waterfall/cause-story';
import { countBySeverity, groupFindings } from '@/lib/domain/waterfall/finding-groups';
import { formatDurationNs } from '@/lib/domain/time/format-duration';
import { spanIdOf, type WaterfallData } from '@/lib/domain/waterfall/waterfall-data';

export interface PanelCause {
  type: string;
  service: string;
  spanId: string;
  summary: string;
  severity?: string;
  confidence?: number;
}

// A cycle or a cascade involves several spans: each gets its own link. Capped so a 500-span finding cannot
// flood the list.
const MAX_FINDING_SPAN_LINKS = 10;

const ROLE_LABEL: Record<StoryStep['role'], string> = { started: 'started in', spread: 'spread to', saw: 'caller saw' };

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

function CauseStoryLine({ data, cause, onFinding }: { data: WaterfallData | null; cause: PanelCause; onFinding(spanId: string): void }) {
  const story = useMemo(() => (data ? buildCauseStory(data, cause.spanId) : null), [data, cause.spanId]);
  if (!data || !story) return null;
  return (
    <ol className="cause-story" data-testid="cause-story" aria-label="How the failure unfolded">
      {story.steps.map((step, k) => {
        const spanId = spanIdOf(data, step.node);
        return (
          <li key={k} className={`cause-step cause-step-${step.role}`} data-role={step.role}>
            <span className="muted">{ROLE_LABEL[step.role]}</span>{' '}
            <button type="button" className="link-button" disabled={!spanId} onClick={() => spanId && onFinding(spanId)}>
              <strong>{step.service}</strong> {step.name}
            </button>
            {step.role === 'saw' ? (
              <small className={step.error ? 'error-text' : 'muted'}>
                {' '}
                {step.error ? 'an error' : 'success'} after {formatDurationNs(BigInt(Math.round(Math.max(0, step.durationNs))))}
              </small>
            ) : null}
            {step.role === 'spread' && k === story.steps.length - 2 && story.omitted > 0 ? <small className="muted"> (+{story.omitted} more)</small> : null}
          </li>
        );
      })}
    </ol>
  );
}

export function FindingsPanel({
  traceId,
  data,
  cause,
  onFinding,
  local = false,
}: {
  traceId: string;
  data: WaterfallData | null;
  cause: PanelCause | null;
  onFinding(spanId: string): void;
  local?: boolean;
}) {
  const findings = useMemo(() => data?.findings ?? [], [data]);
  const groups = useMemo(() => groupFindings(findings), [findings]);
  const counts = useMemo(() => countBySeverity(findings), [findings]);
  return (
    <div className="analysis">
      {cause ? (
        <div className="likely-cause" data-testid="likely-cause">
          <p>
            <strong>Most likely cause:</strong>{' '}
            <button type="button" className="link-button" onClick={() => onFinding(cause.spanId)}>
              <span className="badge">{cause.type}</span> {cause.service}
            </button>{' '}
            — {cause.summary}
            {cause.severity && cause.confidence !== undefined ? (
              <small className="muted">
                {' '}
                ({cause.severity}, confidence {Math.round(cause.confidence * 100)}%)
              </small>
            ) : null}
          </p>
          <CauseStoryLine data={data} cause={cause} onFinding={onFinding} />
        </div>
      ) : null}
      {groups.length > 0 ? (
        <details className="findings-box">
          <summary data-testid="findings-summary">
            Findings: {findings.length}
            {counts.critical > 0 ? <span className="sev sev-critical"> {counts.critical} critical</span> : null}
            {counts.warning > 0 ? (
              <span className="sev sev-warning">
                {' '}
                {counts.warning} warning{counts.warning === 1 ? '' : 's'}
              </span>
            ) : null}
            {counts.info > 0 ? <span className="sev sev-info"> {counts.info} info</span> : null}
          </summary>
          <ul className="findings" data-testid="findings">
            {groups.map((g, k) => (
              <li key={k} className={`finding finding-${g.severity}`} data-severity={g.severity}>
                <button type="button" className="link-button" disabled={g.spanIds.length === 0} onClick={() => g.spanIds[0] && onFinding(g.spanIds[0])}>
                  <span className={`badge badge-${g.severity}`}>{g.type}</span> {g.summary}
                </button>
                {g.count > 1 ? (
                  <span className="finding-count" data-testid="finding-count">
                    {' '}
                    ×{g.count}
                  </span>
                ) : null}
                {g.spanIds.length > 1 ? <FindingSpans type={g.type} spanIds={g.spanIds} onFinding={onFinding} /> : null}{' '}
                {local ? null : (
                  <AddToInvestigation
                    label="Add"
                    testId="add-finding-to-investigation"
                    item={() => ({ kind: 'finding', traceId, finding: { type: g.type, title: g.summary, spanIds: g.spanIds.slice(0, 200) }, view: currentTraceView() })}
                  />
                )}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
