'use client';
// Imports a HAR 1.2 file or the replay middleware's JSON lines (scrubbed on the server), lists the requests,
// and replays all of them against a target.
import { useState } from 'react';
import { importRecording } from '@/lib/client/replay-api';
import type { ReplayRequest } from '@/lib/domain/replay/replay-request';
import type { ReplayTarget } from '@/lib/domain/replay/replay-target';
import { SourceRunForm } from './source-run-form';

export function ImportForm({ targets }: { targets: ReplayTarget[] }) {
  const [imported, setImported] = useState<{ id: string; requests: { request: ReplayRequest }[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function upload(file: File | undefined) {
    if (!file) return;
    setError(null);
    try {
      setImported(await importRecording(file));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <div className="replay-import" data-testid="replay-import">
      <label>
        HAR or JSON lines <input type="file" accept=".har,.json,.jsonl,.ndjson" onChange={(e) => upload(e.target.files?.[0])} aria-label="Recording file" />
      </label>
      {imported ? (
        <>
          <ol className="mono">
            {imported.requests.map((r, i) => (
              <li key={i}>
                {r.request.method} {r.request.url}
              </li>
            ))}
          </ol>
          <SourceRunForm source={{ kind: 'import', importId: imported.id }} label={`Replay ${imported.requests.length} requests`} targets={targets} />
        </>
      ) : null}
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
