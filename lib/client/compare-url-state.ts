// The /compare page's state in the URL (a permalink like every view): `mode` (pair | sets); pair mode: `a`,
// `b` (trace ids) and `changes=1` (only changed branches); sets mode: `selection` + `from`/`to` and `baseline`
// + `baselineFrom`/`baselineTo` (TraceQL and time expressions as on the search page). The only module that
// reads or writes these parameters.
import type { TimeRange } from '@/lib/domain/time/time-range';

export type CompareMode = 'pair' | 'sets';

export interface CompareUrlState {
  mode: CompareMode;
  a: string;
  b: string;
  onlyChanges: boolean;
  selection: string;
  range: TimeRange;
  baseline: string;
  baselineRange: TimeRange;
}

export const DEFAULT_SETS = {
  selection: '{ status = error }',
  range: { from: 'now-15m', to: 'now' },
  baseline: '{ }',
  baselineRange: { from: 'now-75m', to: 'now-15m' },
} as const;

export function readCompareUrl(params: URLSearchParams): CompareUrlState {
  const get = (name: string) => params.get(name) ?? '';
  return {
    mode: params.get('mode') === 'sets' ? 'sets' : 'pair',
    a: get('a').trim(),
    b: get('b').trim(),
    onlyChanges: params.get('changes') === '1',
    selection: params.get('selection') ?? DEFAULT_SETS.selection,
    range: { from: params.get('from') || DEFAULT_SETS.range.from, to: params.get('to') || DEFAULT_SETS.range.to },
    baseline: params.get('baseline') ?? DEFAULT_SETS.baseline,
    baselineRange: { from: params.get('baselineFrom') || DEFAULT_SETS.baselineRange.from, to: params.get('baselineTo') || DEFAULT_SETS.baselineRange.to },
  };
}

export function compareHref(state: CompareUrlState): string {
  const params = new URLSearchParams();
  if (state.mode === 'sets') {
    params.set('mode', 'sets');
    params.set('selection', state.selection);
    params.set('from', state.range.from);
    params.set('to', state.range.to);
    params.set('baseline', state.baseline);
    params.set('baselineFrom', state.baselineRange.from);
    params.set('baselineTo', state.baselineRange.to);
  } else {
    if (state.a) params.set('a', state.a);
    if (state.b) params.set('b', state.b);
    if (state.onlyChanges) params.set('changes', '1');
  }
  return `/compare?${params}`;
}

/** The pair view of two traces (entry points: search results, the trace page, replay and chaos results). */
export function comparePairHref(a: string, b: string): string {
  return compareHref({ ...readCompareUrl(new URLSearchParams()), a, b });
}

/** The sets view of a selection against a baseline (entry point: chaos results, lib/domain/chaos/run-set-comparison.ts). */
export function compareSetsHref(sets: Pick<CompareUrlState, 'selection' | 'range' | 'baseline' | 'baselineRange'>): string {
  return compareHref({ ...readCompareUrl(new URLSearchParams()), ...sets, mode: 'sets' });
}
