import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW_STATE, parseViewState, writeViewState, type TraceViewState } from './trace-view-state';

describe('trace view state in the URL', () => {
  it('round-trips every field', () => {
    const state: TraceViewState = {
      span: '00f067aa0ba902b7',
      window: { fromUs: 12.5, toUs: 3400.25 },
      mode: 'raw',
      criticalPath: true,
      find: 'checkout & pay',
      onlyMatches: true,
      details: true,
      view: 'logs',
      logSpan: '00f067aa0ba902b8',
    };
    const query = writeViewState(state).toString();
    expect(parseViewState(new URLSearchParams(query))).toEqual(state);
  });

  it('writes nothing for the defaults and parses an empty query to them', () => {
    expect(writeViewState(DEFAULT_VIEW_STATE).toString()).toBe('');
    expect(parseViewState(new URLSearchParams(''))).toEqual(DEFAULT_VIEW_STATE);
  });

  it('rejects malformed values instead of trusting them', () => {
    const state = parseViewState(new URLSearchParams('span=<script>&from=5&to=2&mode=weird&cp=yes&view=toString&lspan=xyz'));
    expect(state.view).toBe('waterfall');
    expect(state.logSpan).toBeNull();
    expect(state.span).toBeNull();
    expect(state.window).toBeNull();
    expect(state.mode).toBe('corrected');
    expect(state.criticalPath).toBe(false);
  });
});
