// The pair diff's summary line: what a reader wants before the tree.
import type { CompareView } from '@/lib/domain/compare/compare-rows';
import { formatDurationNs } from '@/lib/domain/time/format-duration';

function signedDuration(ns: number): string {
  const text = formatDurationNs(BigInt(Math.round(Math.abs(ns))));
  return ns > 0 ? `+${text}` : ns < 0 ? `−${text}` : '±0';
}

export function DiffSummaryView({ view, onDivergence }: { view: CompareView; onDivergence(node: number): void }) {
  const { summary, firstDivergence } = view;
  return (
    <dl className="diff-summary" data-testid="diff-summary">
      <div>
        <dt>Duration</dt>
        <dd data-testid="diff-duration">
          {formatDurationNs(BigInt(Math.round(summary.durationNs.a)))} → {formatDurationNs(BigInt(Math.round(summary.durationNs.b)))} ({signedDuration(summary.durationNs.delta)})
        </dd>
      </div>
      <div>
        <dt>Spans</dt>
        <dd>
          {summary.spans.a} → {summary.spans.b}
        </dd>
      </div>
      <div>
        <dt>Added</dt>
        <dd data-testid="diff-added">{summary.spans.added}</dd>
      </div>
      <div>
        <dt>Removed</dt>
        <dd data-testid="diff-removed">{summary.spans.removed}</dd>
      </div>
      <div>
        <dt>New errors</dt>
        <dd data-testid="diff-new-errors" className={summary.newErrors > 0 ? 'error-text' : undefined}>
          {summary.newErrors}
        </dd>
      </div>
      <div>
        <dt>Critical path</dt>
        <dd data-testid="diff-critical-path">{summary.criticalPath.changed ? 'changed' : 'same'}</dd>
      </div>
      <div>
        <dt>First divergence</dt>
        <dd data-testid="diff-first-divergence">
          {firstDivergence ? (
            <button type="button" className="link-button" onClick={() => onDivergence(firstDivergence.node)}>
              {firstDivergence.key} <span className="muted">({firstDivergence.reason})</span>
            </button>
          ) : (
            'none'
          )}
        </dd>
      </div>
    </dl>
  );
}
