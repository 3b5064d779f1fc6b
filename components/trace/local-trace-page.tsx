'use client';
// A trace file picked or dropped by the user, decoded in the trace worker (lib/domain/formats, the decoders of
// `tracehound analyze`) and shown with the trace page's own header and views. The file never leaves the
// browser. A file with several traces lists them to pick one; a bad file gets the decoder's message.
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type DragEvent } from 'react';
import { localTraceQuery, traceAnalysisQuery } from '@/lib/client/trace-queries';
import { openFileInWorker, prewarmTraceWorker } from '@/lib/client/trace-worker/trace-worker-client';
import { LOCAL_KEY_PREFIX } from '@/lib/client/trace-worker/trace-worker-protocol';
import type { TraceSummary } from '@/lib/domain/model/trace-summary';
import { formatDurationNs } from '@/lib/domain/time/format-duration';
import { useTraceViewState } from './use-trace-view-state';
import { buildTimeline } from './timeline';
import { TraceHeader } from './trace-header';
import { TraceView } from './trace-page';
import './trace-page.css';

interface Opened {
  /** Tells successive files apart in query keys. */
  file: number;
  name: string;
  format: string;
  traces: TraceSummary[];
}

export function LocalTracePage() {
  prewarmTraceWorker();
  const [opened, setOpened] = useState<Opened | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const open = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setPicked(null);
    const result = await openFileInWorker(await file.text()).catch((e: unknown) => ({ ok: false as const, error: e instanceof Error ? e.message : String(e) }));
    if (!result.ok) {
      setOpened(null);
      setError(`${file.name}: ${result.error}`);
      return;
    }
    setOpened({ file: Date.now(), name: file.name, format: result.format, traces: result.traces });
    if (result.traces.length === 1) setPicked(result.traces[0]!.traceId);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void open(e.dataTransfer.files[0]);
  };

  const summary = opened?.traces.find((t) => t.traceId === picked) ?? null;
  return (
    <section
      className="page local-trace"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <h1>Open a trace file</h1>
      <div className={`drop-zone${dragging ? ' dragging' : ''}`} data-testid="drop-zone">
        <label>
          OTLP JSON, Jaeger JSON or Zipkin v2 file <input type="file" accept=".json,application/json" aria-label="Trace file" onChange={(e) => void open(e.target.files?.[0])} />
        </label>
        <span className="muted"> or drop it here. It is read in this browser and not stored.</span>
      </div>
      {error ? (
        <p className="error-text" role="alert" data-testid="local-file-error">
          {error}
        </p>
      ) : null}
      {opened ? (
        <p className="muted" data-testid="local-file-info">
          {opened.name}: {opened.format}, {opened.traces.length} trace{opened.traces.length === 1 ? '' : 's'}
        </p>
      ) : null}
      {opened && opened.traces.length > 1 ? <TracePicker traces={opened.traces} picked={picked} onPick={setPicked} /> : null}
      {opened && summary ? <LocalTrace key={`${opened.file}:${summary.traceId}`} file={opened.file} summary={summary} /> : null}
    </section>
  );
}

function TracePicker({ traces, picked, onPick }: { traces: TraceSummary[]; picked: string | null; onPick(traceId: string): void }) {
  return (
    <table className="data" data-testid="local-traces">
      <thead>
        <tr>
          <th>Trace</th>
          <th>Root</th>
          <th>Duration</th>
          <th>Spans</th>
          <th>Errors</th>
        </tr>
      </thead>
      <tbody>
        {traces.map((t) => (
          <tr key={t.traceId} aria-selected={t.traceId === picked}>
            <td className="mono">
              <button type="button" className="link-button" onClick={() => onPick(t.traceId)}>
                {t.traceId.slice(0, 12)}
              </button>
            </td>
            <td>
              {t.rootService ?? '?'}: {t.rootName ?? '(no root)'}
            </td>
            <td className="mono">{formatDurationNs(t.durationNs)}</td>
            <td>{t.spanCount}</td>
            <td className={t.errorCount > 0 ? 'error-text' : undefined}>{t.errorCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LocalTrace({ file, summary }: { file: number; summary: TraceSummary }) {
  const key = LOCAL_KEY_PREFIX + summary.traceId;
  const query = useQuery(localTraceQuery(file, summary.traceId));
  const rowsOnly = query.data?.status === 'ok' ? query.data.data : null;
  // Keyed by the worker's store key and load time, as for a stored trace.
  const analysis = useQuery(traceAnalysisQuery(key, rowsOnly ? query.dataUpdatedAt : 0));
  const loaded = useMemo(() => (rowsOnly && analysis.data ? { ...rowsOnly, ...analysis.data } : rowsOnly), [rowsOnly, analysis.data]);
  const [state, update] = useTraceViewState();
  const timeline = useMemo(() => (loaded ? buildTimeline(loaded, { ...state, window: null }) : null), [loaded, state]);
  return (
    <section className="trace-page" data-testid="local-trace" data-analyzed={loaded?.analyzed ? 'true' : 'false'}>
      <TraceHeader summary={summary} data={loaded} timeline={timeline} onFinding={(span) => update({ span, details: true })} local />
      {query.isError ? <p className="error-text">Could not build the trace: {query.error.message}</p> : null}
      {loaded ? <TraceView key={query.dataUpdatedAt} traceId={key} data={loaded} loadedAt={query.dataUpdatedAt} local /> : null}
    </section>
  );
}
