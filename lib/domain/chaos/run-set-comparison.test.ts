import { describe, expect, it } from 'vitest';
import { parseTraceQL } from '../traceql/parse';
import { runSetComparison } from './run-set-comparison';

const definition = { baselineSeconds: 300 } as Parameters<typeof runSetComparison>[0]['definition'];
const id = '3f1c2a9e-5b7d-4c11-9a2e-0d4b6c8e1f20';
const start = Date.parse('2026-11-29T03:00:00.000Z');

describe('runSetComparison', () => {
  it("selects the run's faulted traces during the injection against every trace of the baseline window before it", () => {
    const sets = runSetComparison({ id, definition, injectionStartedAt: '2026-11-29T03:00:00.000Z', finishedAt: '2026-11-29T03:01:00.000Z' });
    expect(sets).toEqual({
      selection: `{ span.tracehound.run.id = "${id}" }`,
      range: { from: String(start), to: String(start + 60_000) },
      baseline: '{ }',
      baselineRange: { from: String(start - 300_000), to: String(start) },
    });
    // The selection is valid TraceQL naming the attribute the agent marks faulted requests with.
    expect(JSON.stringify(parseTraceQL(sets!.selection))).toContain('tracehound.run.id');
  });

  it('an open run ends at now; a run finished at once still gets a valid window; no injection, no comparison', () => {
    expect(runSetComparison({ id, definition, injectionStartedAt: '2026-11-29T03:00:00.000Z', finishedAt: null })?.range).toEqual({ from: String(start), to: 'now' });
    expect(runSetComparison({ id, definition, injectionStartedAt: '2026-11-29T03:00:00.000Z', finishedAt: '2026-11-29T03:00:00.000Z' })?.range).toEqual({
      from: String(start),
      to: String(start + 1000),
    });
    expect(runSetComparison({ id, definition, injectionStartedAt: null, finishedAt: null })).toBeNull();
  });
});
