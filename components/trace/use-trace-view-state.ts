'use client';
// The trace page's URL state as a hook. Writes go through history.replaceState (which Next's router
// observes for useSearchParams) so moving the selection does not trigger a server round trip.
// Next applies that URL change in a later render, so a write is also kept locally until the URL catches up:
// controlled inputs (the find box, the "only matches" checkbox) must see their new value in the same render,
// or React resets them and keystrokes or clicks are lost.
import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { parseViewState, writeViewState, type TraceViewState } from '@/lib/domain/waterfall/trace-view-state';

export function useTraceViewState(): [TraceViewState, (patch: Partial<TraceViewState>) => void] {
  const params = useSearchParams();
  const fromUrl = useMemo(() => parseViewState(params), [params]);
  const [pending, setPending] = useState<TraceViewState | null>(null);
  useEffect(() => setPending(null), [params]);
  const update = useCallback((patch: Partial<TraceViewState>) => {
    const current = parseViewState(new URLSearchParams(window.location.search));
    const next = { ...current, ...patch };
    setPending(next);
    const query = writeViewState(next).toString();
    // Pass null, not history.state: Next ignores calls whose state carries its own markers (__NA) and would
    // then not update useSearchParams.
    window.history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}`);
  }, []);
  return [pending ?? fromUrl, update];
}
