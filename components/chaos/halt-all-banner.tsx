'use client';
// Shown on every page while any chaos run is active: how many, and (for operators) Halt all, which aborts
// every run and reverts every fault on every agent (POST /api/chaos/halt).
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { haltAllRequest } from '@/lib/client/chaos-api';

export function HaltAllBanner({ activeRuns, canHalt }: { activeRuns: number; canHalt: boolean }) {
  const router = useRouter();
  const [state, setState] = useState<'idle' | 'halting' | string>('idle');
  return (
    <div className="chaos-banner" role="alert">
      {activeRuns} chaos run{activeRuns === 1 ? '' : 's'} active — <a href="/chaos">see runs</a>
      {canHalt && (
        <button
          type="button"
          className="halt-button"
          disabled={state === 'halting'}
          onClick={async () => {
            setState('halting');
            try {
              await haltAllRequest();
              setState('idle');
            } catch (error) {
              setState((error as Error).message);
            }
            router.refresh();
          }}
        >
          {state === 'halting' ? 'Halting…' : 'Halt all'}
        </button>
      )}
      {state !== 'idle' && state !== 'halting' && <span className="error-text"> {state}</span>}
    </div>
  );
}
