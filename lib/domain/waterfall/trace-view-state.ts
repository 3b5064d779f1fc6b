// The trace page's investigation state as URL search params — the one module that parses and writes them,
// so a permalink restores exactly what its author saw. Defaults are omitted from the URL to keep links short.
// Units: the zoom window is microseconds relative to the trace start in the current timeline mode.
export type TimelineMode = 'corrected' | 'raw';
/** The trace page's main view: the waterfall, a sortable span table, statistics per service and operation, or all the trace's log lines. */
export type TraceView = 'waterfall' | 'table' | 'stats' | 'logs';
const VIEWS: readonly TraceView[] = ['waterfall', 'table', 'stats', 'logs'];

export interface TraceViewState {
  /** Selected span id (16 hex) or null. */
  span: string | null;
  /** Zoom window in µs from the trace start; null = whole trace. */
  window: { fromUs: number; toUs: number } | null;
  mode: TimelineMode;
  criticalPath: boolean;
  find: string;
  /** Hide subtrees without a find match. */
  onlyMatches: boolean;
  /** Detail panel open for the selected span. */
  details: boolean;
  view: TraceView;
  /** Logs view: only lines of this span (16 hex) and its descendants; null = the whole trace. */
  logSpan: string | null;
}

export const DEFAULT_VIEW_STATE: TraceViewState = {
  span: null,
  window: null,
  mode: 'corrected',
  criticalPath: false,
  find: '',
  onlyMatches: false,
  details: false,
  view: 'waterfall',
  logSpan: null,
};

const SPAN_ID = /^[0-9a-f]{16}$/;

type ParamSource = { get(name: string): string | null };

export function parseViewState(params: ParamSource): TraceViewState {
  const span = params.get('span')?.toLowerCase() ?? null;
  const logSpan = params.get('lspan')?.toLowerCase() ?? null;
  const view = params.get('view') as TraceView | null;
  const from = Number(params.get('from'));
  const to = Number(params.get('to'));
  const hasWindow = params.get('from') !== null && params.get('to') !== null && Number.isFinite(from) && Number.isFinite(to) && to > from;
  return {
    span: span !== null && SPAN_ID.test(span) ? span : null,
    window: hasWindow ? { fromUs: from, toUs: to } : null,
    mode: params.get('mode') === 'raw' ? 'raw' : 'corrected',
    criticalPath: params.get('cp') === '1',
    find: (params.get('find') ?? '').slice(0, 200),
    onlyMatches: params.get('only') === '1',
    details: params.get('details') === '1',
    view: view !== null && VIEWS.includes(view) ? view : 'waterfall',
    logSpan: logSpan !== null && SPAN_ID.test(logSpan) ? logSpan : null,
  };
}

export function writeViewState(state: TraceViewState): URLSearchParams {
  const out = new URLSearchParams();
  if (state.span) out.set('span', state.span);
  if (state.window) {
    out.set('from', roundUs(state.window.fromUs));
    out.set('to', roundUs(state.window.toUs));
  }
  if (state.mode === 'raw') out.set('mode', 'raw');
  if (state.criticalPath) out.set('cp', '1');
  if (state.find) out.set('find', state.find);
  if (state.onlyMatches) out.set('only', '1');
  if (state.details) out.set('details', '1');
  if (state.view !== 'waterfall') out.set('view', state.view);
  if (state.logSpan) out.set('lspan', state.logSpan);
  return out;
}

/** Nanosecond resolution is plenty for a zoom window and keeps links short. */
function roundUs(us: number): string {
  return String(Math.round(us * 1000) / 1000);
}
