'use client';
// The trace page's URL state as a hook. Writes go through history.replaceState (which Next's router
// observes for useSearchParams) so moving the selection does not trigger a server round trip.
import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { parseViewState, writeViewState, type TraceViewState } from '@/lib/domain/waterfall/trace-view-state';

export function useTraceViewState(): [TraceViewState, (patch: Partial<TraceViewState>) => void] {
  const params = useSearchParams();
  const state = useMemo(() => parseViewState(params), [params]);
  const update = useCallback((patch: Partial<TraceViewState>) => {
    const current = parseViewState(new URLSearchParams(window.location.search));
    const query = writeViewState({ ...current, ...patch }).toString();
    // Pass null, not history.state: Next ignores calls whose state carries its own markers (__NA) and would
    // then not update useSearchParams.
    window.history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}`);
  }, []);
  return [state, update];
}
