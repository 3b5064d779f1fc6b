// The set comparison (issue #16) a chaos run's result page links to: the run's faulted traces — those whose
// agent span carries tracehound.run.id = the run (the agent marks every request it faults) — during the
// injection, against every trace of the baseline window just before it (the window the run's own
// before/during table uses, `baselineSeconds`).
import { absoluteTimeRange, type TimeRange } from '../time/time-range';
import type { RunView } from './run-view';

export interface RunSetComparison {
  selection: string;
  range: TimeRange;
  baseline: string;
  baselineRange: TimeRange;
}

/** Null until the injection has started (there is no "during" yet). An open run's window ends at `now`. */
export function runSetComparison(run: Pick<RunView, 'id' | 'injectionStartedAt' | 'finishedAt' | 'definition'>): RunSetComparison | null {
  if (!run.injectionStartedAt) return null;
  const start = Date.parse(run.injectionStartedAt);
  if (!Number.isFinite(start)) return null;
  return {
    // A run id is a UUID; JSON quoting is TraceQL's string syntax, so any other character stays inside the string.
    selection: `{ span.tracehound.run.id = ${JSON.stringify(run.id)} }`,
    // At least a second long: a run aborted at once still has a valid window.
    range: run.finishedAt ? absoluteTimeRange(start, Math.max(Date.parse(run.finishedAt) || 0, start + 1000)) : { from: String(start), to: 'now' },
    baseline: '{ }',
    baselineRange: absoluteTimeRange(start - run.definition.baselineSeconds * 1000, start),
  };
}
