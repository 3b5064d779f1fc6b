'use client';
// Admin: removes a replay target and its secrets (past runs keep its name).
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { readJson } from '@/lib/client/api-error';

export function DeleteTargetButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  async function remove() {
    if (!window.confirm(`Remove the replay target "${name}" and its secrets?`)) return;
    const res = await fetch(`/api/replay-targets/${encodeURIComponent(id)}`, { method: 'DELETE' });
    if (res.ok) router.refresh();
    else await readJson(res).catch((e: Error) => setError(e.message));
  }
  return (
    <>
      <button type="button" onClick={remove} aria-label={`Remove target ${name}`}>
        Remove
      </button>
      {error ? <span className="error-text">{error}</span> : null}
    </>
  );
}
