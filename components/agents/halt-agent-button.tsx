'use client';
// Halt one agent: every fault reverted now (POST /api/agents/{name}/halt), then the page re-renders.
import { useRouter } from 'next/navigation';
import { useState } from 'react';

export function HaltAgentButton({ name, disabled }: { name: string; disabled: boolean }) {
  const router = useRouter();
  const [state, setState] = useState<'idle' | 'halting' | 'error'>('idle');
  return (
    <button
      type="button"
      disabled={disabled || state === 'halting'}
      onClick={async () => {
        setState('halting');
        const response = await fetch(`/api/agents/${encodeURIComponent(name)}/halt`, { method: 'POST' }).catch(() => null);
        setState(response?.ok ? 'idle' : 'error');
        router.refresh();
      }}
    >
      {state === 'halting' ? 'Halting…' : state === 'error' ? 'Halt failed — retry' : 'Halt'}
    </button>
  );
}
