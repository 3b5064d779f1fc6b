'use client';
// View controls: timeline mode, critical path, collapse/expand, zoom reset, copy link, refresh.
import { useState } from 'react';
import type { TraceViewState } from '@/lib/domain/waterfall/trace-view-state';

export interface TraceToolbarProps {
  state: TraceViewState;
  pathComputed: boolean;
  onUpdate(patch: Partial<TraceViewState>): void;
  onCollapseAll(): void;
  onExpandAll(): void;
  onDepth(depth: number): void;
  onRefresh(): void;
}

export function TraceToolbar({ state, pathComputed, onUpdate, onCollapseAll, onExpandAll, onDepth, onRefresh }: TraceToolbarProps) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="trace-toolbar" role="toolbar">
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
      <button type="button" onClick={onCollapseAll} data-testid="collapse-all">Collapse all</button>
      <button type="button" onClick={onExpandAll} data-testid="expand-all">Expand all</button>
      <label>
        Depth{' '}
        <select aria-label="Expand to depth" defaultValue="" onChange={(e) => e.target.value && onDepth(Number(e.target.value))}>
          <option value="">…</option>
          {[1, 2, 3, 4, 5, 8].map((d) => <option key={d} value={d}>{d}</option>)}
        </select>
      </label>
      {state.window ? <button type="button" onClick={() => onUpdate({ window: null })} data-testid="reset-zoom">Reset zoom</button> : null}
      <span className="spacer" />
      <button
        type="button"
        data-testid="copy-link"
        onClick={() => {
          void navigator.clipboard?.writeText(window.location.href).then(() => setCopied(true), () => setCopied(false));
          setTimeout(() => setCopied(false), 1500);
        }}
      >
        {copied ? 'Copied' : 'Copy link'}
      </button>
      <button type="button" onClick={onRefresh} data-testid="refresh">Refresh</button>
    </div>
  );
}
