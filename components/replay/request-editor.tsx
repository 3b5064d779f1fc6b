'use client';
// The request editor of a replay: method, path, headers (one "name: value" a line) and body, a target, and
// the unsafe opt-in. Sends one edited request; the run page opens when it is stored. Everything shown is
// the stored (scrubbed) request: REDACTED values can be replaced with {{secret.NAME}} placeholders.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { startReplay } from '@/lib/client/replay-api';
import { REPLAY_METHODS, type ReplayRequest } from '@/lib/domain/replay/replay-request';
import type { ReplayTarget } from '@/lib/domain/replay/replay-target';

function headerText(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

function parseHeaders(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

const decodeBody = (b: string | null) => (b === null ? '' : new TextDecoder().decode(Uint8Array.from(atob(b), (c) => c.charCodeAt(0))));
const encodeBody = (t: string) => (t === '' ? null : btoa(String.fromCharCode(...new TextEncoder().encode(t))));

export function RequestEditor({
  initial,
  targets,
  originalTraceId,
  originalSpanId,
}: {
  initial: ReplayRequest;
  targets: ReplayTarget[];
  originalTraceId: string | null;
  originalSpanId: string | null;
}) {
  const router = useRouter();
  const [method, setMethod] = useState(initial.method);
  const [url, setUrl] = useState(initial.url);
  const [headers, setHeaders] = useState(headerText(initial.headers));
  const [body, setBody] = useState(decodeBody(initial.body));
  const [target, setTarget] = useState(targets.find((t) => t.environment !== 'production')?.name ?? targets[0]?.name ?? '');
  const [allowUnsafe, setAllowUnsafe] = useState(false);
  const [baseline, setBaseline] = useState('');
  const [ignorePaths, setIgnorePaths] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const request: ReplayRequest = { method, url, headers: parseHeaders(headers), body: encodeBody(body), bodyUnknown: initial.bodyUnknown && body === '' };
      const run = await startReplay(
        target,
        { kind: 'request', request, originalTraceId, originalSpanId },
        {
          allowUnsafe,
          ignorePaths: ignorePaths
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
          ...(baseline ? { baseline } : {}),
        },
      );
      router.push(`/replays/${run.id}`);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  }

  if (targets.length === 0) return <p className="empty-state">No replay targets yet: an admin adds them on the Replays page.</p>;
  return (
    <form className="replay-editor" onSubmit={send} data-testid="replay-editor">
      {initial.bodyUnknown ? (
        <p className="chip" data-testid="body-unknown">
          body unknown — rebuilt from span attributes; add the body if the request had one
        </p>
      ) : null}
      <label>
        Target{' '}
        <select value={target} onChange={(e) => setTarget(e.target.value)} aria-label="Target">
          {targets.map((t) => (
            <option key={t.id} value={t.name}>
              {t.name} ({t.environment})
            </option>
          ))}
        </select>
      </label>
      <label>
        Baseline (optional: sent twice; what its answers disagree on is noise){' '}
        <select value={baseline} onChange={(e) => setBaseline(e.target.value)} aria-label="Baseline">
          <option value="">none</option>
          {targets.map((t) => (
            <option key={t.id} value={t.name}>
              {t.name} ({t.environment})
            </option>
          ))}
        </select>
      </label>
      <div className="replay-line">
        <select value={method} onChange={(e) => setMethod(e.target.value)} aria-label="Method">
          {REPLAY_METHODS.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <input className="mono" value={url} onChange={(e) => setUrl(e.target.value)} aria-label="Path and query" size={60} />
      </div>
      <label>
        Headers <textarea className="mono" rows={6} value={headers} onChange={(e) => setHeaders(e.target.value)} aria-label="Headers" />
      </label>
      <label>
        Body <textarea className="mono" rows={6} value={body} onChange={(e) => setBody(e.target.value)} aria-label="Body" />
      </label>
      <label>
        Ignore JSON paths in the diff <input value={ignorePaths} onChange={(e) => setIgnorePaths(e.target.value)} placeholder="$.meta.generatedAt, items.*.id" aria-label="Ignore paths" />
      </label>
      <label>
        <input type="checkbox" checked={allowUnsafe} onChange={(e) => setAllowUnsafe(e.target.checked)} /> Allow unsafe methods (POST, PUT, PATCH, DELETE — operator, non-production only)
      </label>
      <p className="muted">
        Use <code>{'{{secret.NAME}}'}</code> for a target secret. A fresh traceparent is sent; the original trace context is removed.
      </p>
      <button type="submit" disabled={busy || !target}>
        {busy ? 'Replaying…' : 'Replay'}
      </button>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
