'use client';
// Starts a run over a whole source (all requests of a trace, an import) against a chosen target, and opens
// the run page when it is stored.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { startReplay, type RunSourceInput } from '@/lib/client/replay-api';
import type { ReplayTarget } from '@/lib/domain/replay/replay-target';

export function SourceRunForm({ source, label, targets }: { source: RunSourceInput; label: string; targets: ReplayTarget[] }) {
  const router = useRouter();
  const [target, setTarget] = useState(targets.find((t) => t.environment !== 'production')?.name ?? targets[0]?.name ?? '');
  const [allowUnsafe, setAllowUnsafe] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    setError(null);
    try {
      const started = await startReplay(target, source, { allowUnsafe });
      router.push(`/replays/${started.id}`);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  }

  return (
    <div className="replay-line" data-testid="source-run">
      <select value={target} onChange={(e) => setTarget(e.target.value)} aria-label={`${label} target`}>
        {targets.map((t) => (
          <option key={t.id} value={t.name}>
            {t.name} ({t.environment})
          </option>
        ))}
      </select>
      <label>
        <input type="checkbox" checked={allowUnsafe} onChange={(e) => setAllowUnsafe(e.target.checked)} /> unsafe methods too
      </label>
      <button type="button" onClick={run} disabled={busy || !target}>
        {busy ? 'Replaying…' : label}
      </button>
      {error ? (
        <span className="error-text" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
