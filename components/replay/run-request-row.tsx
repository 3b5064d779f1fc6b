// One request of a replay run: method and path, outcome, statuses, links to the original and replayed traces
// and their comparison, and the response diff (status, headers minus noise, body changes by JSON path, or
// both texts side by side). Every value is upstream data: rendered as text only.
import Link from 'next/link';
import type { RunRequestResult, TraceFacts } from '@/lib/domain/replay/replay-run';

const facts = (t: TraceFacts | null | undefined) => (t ? `${t.spanCount} spans, ${t.errorCount} errors, ${t.durationMs.toFixed(1)} ms` : 'not received');

function TraceSummary({ result: r }: { result: RunRequestResult }) {
  if (!r.traces || (!r.originalTraceId && !r.newTraceId)) return null;
  const { original, replayed } = r.traces;
  const differs = original && replayed && (original.spanCount !== replayed.spanCount || original.errorCount !== replayed.errorCount);
  const newErrors = original && replayed && replayed.errorCount > original.errorCount;
  return (
    <p className={newErrors ? 'error-text' : 'muted'} data-testid="trace-facts">
      Trace: original {facts(original)} → replayed {facts(replayed)}
      {differs ? ' — trace differs' : ''}
      {newErrors ? ' (new errors)' : ''}
    </p>
  );
}

// atob + TextDecoder rather than Buffer: this component must also work if it is ever rendered in the browser.
const decode = (b: string | null) => (b === null ? '' : new TextDecoder().decode(Uint8Array.from(atob(b), (c) => c.charCodeAt(0))));
const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

function BodyDiff({ result }: { result: RunRequestResult }) {
  const body = result.diff?.body;
  if (!body) return null;
  if (body.kind === 'unknown') return <p className="muted">Body not compared: {body.reason}.</p>;
  if (body.kind === 'text') {
    return body.differs ? (
      <div className="replay-side-by-side">
        <pre className="mono" aria-label="Original body">
          {body.original}
        </pre>
        <pre className="mono" aria-label="Replayed body">
          {body.replayed}
        </pre>
      </div>
    ) : (
      <p className="muted">Body identical (after noise cancelling).</p>
    );
  }
  if (body.changes.length === 0) return <p className="muted">Body identical (after noise cancelling).</p>;
  return (
    <table className="data" data-testid="body-changes">
      <thead>
        <tr>
          <th>Path</th>
          <th>Change</th>
          <th>Original</th>
          <th>Replayed</th>
        </tr>
      </thead>
      <tbody>
        {body.changes.map((c, i) => (
          <tr key={i}>
            <td className="mono">{c.path || '(body)'}</td>
            <td>{c.kind}</td>
            <td className="mono">{show(c.original)}</td>
            <td className="mono">{show(c.replayed)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RunRequestRow({ result: r }: { result: RunRequestResult }) {
  const compare = r.originalTraceId && r.newTraceId ? `/compare?a=${r.originalTraceId}&b=${r.newTraceId}` : null;
  return (
    <li className="replay-request" data-testid="replay-request" data-outcome={r.outcome}>
      <div>
        <strong className="mono">
          {r.request.method} {r.request.url}
        </strong>{' '}
        <span className={`chip outcome-${r.outcome}`}>{r.outcome}</span>
        {r.request.bodyUnknown ? <span className="chip">body unknown</span> : null}{' '}
        <span className="muted">
          status {r.originalResponse?.status ?? '?'} → {r.response?.status ?? '—'}
          {r.durationMs !== null ? ` · ${Math.round(r.durationMs)} ms` : ''}
        </span>
      </div>
      {r.error ? <p className={r.outcome === 'skipped' ? 'muted' : 'error-text'}>{r.error}</p> : null}
      <div className="muted">
        {r.originalTraceId ? (
          <>
            original{' '}
            <Link className="mono" href={`/traces/${r.originalTraceId}`}>
              {r.originalTraceId.slice(0, 12)}…
            </Link>{' '}
          </>
        ) : null}
        {r.newTraceId ? (
          <>
            replayed{' '}
            <Link className="mono" href={`/traces/${r.newTraceId}`}>
              {r.newTraceId.slice(0, 12)}…
            </Link>{' '}
          </>
        ) : null}
        {compare ? (
          <Link href={compare} data-testid="compare-traces">
            Compare traces
          </Link>
        ) : null}
      </div>
      <TraceSummary result={r} />
      {r.diff ? (
        <details open={!r.diff.identical}>
          <summary>Response diff{r.diff.identical ? ' (identical)' : ''}</summary>
          {r.diff.againstBaseline ? <p className="muted">Nothing was recorded for this request: compared with the baseline target&apos;s answer.</p> : null}
          {r.diff.noise && (r.diff.noise.headers.length > 0 || r.diff.noise.paths.length > 0) ? (
            <p className="muted">Noise (differed between two baseline answers, not compared): {[...r.diff.noise.headers.map((h) => `header ${h}`), ...r.diff.noise.paths].join(', ')}</p>
          ) : null}
          {r.diff.status.differs ? (
            <p>
              Status: {r.diff.status.original} → <strong>{r.diff.status.replayed}</strong>
            </p>
          ) : null}
          {r.diff.headers.length > 0 ? (
            <table className="data">
              <thead>
                <tr>
                  <th>Header</th>
                  <th>Original</th>
                  <th>Replayed</th>
                </tr>
              </thead>
              <tbody>
                {r.diff.headers.map((h) => (
                  <tr key={h.name}>
                    <td className="mono">{h.name}</td>
                    <td className="mono">{h.original ?? '—'}</td>
                    <td className="mono">{h.replayed ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <BodyDiff result={r} />
        </details>
      ) : r.response ? (
        <details>
          <summary>Response</summary>
          <pre className="mono">{decode(r.response.body).slice(0, 4096)}</pre>
        </details>
      ) : null}
    </li>
  );
}
