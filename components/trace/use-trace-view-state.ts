'use client';
// The trace page's URL state as a hook. Writes go through history.replaceState (which Next's router
// observes for useSearchParams) so moving the selection does not trigger a server round trip.
import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import { parseViewState, writeViewState, type TraceViewState } from '@/lib/domain/waterfall/trace-view-state';

export function useTraceViewState(): [TraceViewState, (patch: Partial<TraceViewState>) => void] {
  const params = useSearchParams();
  const current = params.toString();
  // Next applies replaceState to useSearchParams in a transition, a render or more later; until then a
  // controlled checkbox would snap back (and a quick second click read the old state). The query we wrote
  // is used until useSearchParams moves off the value it had when we wrote it (caught up, or navigated).
  const [written, setWritten] = useState<{ query: string; over: string } | null>(null);
  const effective = written && written.over === current ? written.query : current;
  const state = useMemo(() => parseViewState(new URLSearchParams(effective)), [effective]);
  const update = useCallback((patch: Partial<TraceViewState>) => {
    const before = parseViewState(new URLSearchParams(window.location.search));
    const query = writeViewState({ ...before, ...patch }).toString();
    // Pass null, not history.state: Next ignores calls whose state carries its own markers (__NA) and would
    // then not update useSearchParams.
    window.history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}`);
    setWritten({ query, over: current });
  }, [current]);
  return [state, update];
}
