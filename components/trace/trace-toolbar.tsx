'use client';
// View controls: waterfall / span table / statistics / logs, timeline mode, critical path, collapse/expand, zoom reset, copy link, refresh.
// A trace opened from a local file (`local`) has no stored logs, download or refresh: those controls are left out.
import { useState } from 'react';
import type { TraceView, TraceViewState } from '@/lib/domain/waterfall/trace-view-state';

const VIEWS: ReadonlyArray<[TraceView, string]> = [
  ['waterfall', 'Waterfall'],
  ['table', 'Span table'],
  ['stats', 'Statistics'],
  ['logs', 'Logs'],
];

export interface TraceToolbarProps {
  traceId: string;
  state: TraceViewState;
  pathComputed: boolean;
  onUpdate(patch: Partial<TraceViewState>): void;
  onCollapseAll(): void;
  onExpandAll(): void;
  onDepth(depth: number): void;
  onRefresh(): void;
  local?: boolean;
}

export function TraceToolbar({ traceId, state, pathComputed, onUpdate, onCollapseAll, onExpandAll, onDepth, onRefresh, local = false }: TraceToolbarProps) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="trace-toolbar" role="toolbar">
      <div className="segmented" role="group" aria-label="View">
        {VIEWS.filter(([view]) => !local || view !== 'logs').map(([view, label]) => (
          <button key={view} type="button" aria-pressed={state.view === view} onClick={() => onUpdate({ view })}>
            {label}
          </button>
        ))}
      </div>
      <div className="segmented" role="group" aria-label="Timeline">
        <button type="button" aria-pressed={state.mode === 'corrected'} onClick={() => onUpdate({ mode: 'corrected' })} data-testid="mode-corrected">
          Skew-corrected
        </button>
        <button type="button" aria-pressed={state.mode === 'raw'} onClick={() => onUpdate({ mode: 'raw' })} data-testid="mode-raw">
          Raw
        </button>
      </div>
      <label title={pathComputed ? '' : 'The critical path is not available for this trace'}>
        <input type="checkbox" checked={state.criticalPath} onChange={(e) => onUpdate({ criticalPath: e.target.checked })} data-testid="critical-path-toggle" /> Critical path
      </label>
      <button type="button" onClick={onCollapseAll} data-testid="collapse-all">
        Collapse all
      </button>
      <button type="button" onClick={onExpandAll} data-testid="expand-all">
        Expand all
      </button>
      <label>
        Depth{' '}
        <select aria-label="Expand to depth" defaultValue="" onChange={(e) => e.target.value && onDepth(Number(e.target.value))}>
          <option value="">…</option>
          {[1, 2, 3, 4, 5, 8].map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </label>
      {state.window ? (
        <button type="button" onClick={() => onUpdate({ window: null })} data-testid="reset-zoom">
          Reset zoom
        </button>
      ) : null}
      <span className="spacer" />
      <button
        type="button"
        data-testid="copy-link"
        onClick={() => {
          void navigator.clipboard?.writeText(window.location.href).then(
            () => setCopied(true),
            () => setCopied(false),
          );
          setTimeout(() => setCopied(false), 1500);
        }}
      >
        {copied ? 'Copied' : 'Copy link'}
      </button>
      {local ? null : (
        <>
          <a href={`/api/traces/${traceId}?format=otlp&download=1`} download={`trace-${traceId}.json`} data-testid="download-otlp">
            Download OTLP JSON
          </a>
          <button type="button" onClick={onRefresh} data-testid="refresh">
            Refresh
          </button>
        </>
      )}
    </div>
  );
}
