// Promise-based calls into the trace Web Worker (one per tab, created on first use).
import type { AnalysisPatch } from '@/lib/domain/waterfall/build-waterfall';
import { skeletonUrl } from '../trace-urls';
import type { DiffNode } from '@/lib/domain/compare/trace-diff';
import type { CompareResult } from './compare-in-worker';
import type { SpanDetail } from '@/lib/domain/waterfall/span-detail';
import type { LoadResult, OpenFileResult, TraceWorkerRequest, TraceWorkerResponse } from './trace-worker-protocol';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type RequestBody = TraceWorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./trace.worker.ts', import.meta.url), { type: 'module', name: 'trace-worker' });
  w.onmessage = (event: MessageEvent<TraceWorkerResponse>) => {
    const message = event.data;
    const p = pending.get(message.id);
    if (!p) return;
    pending.delete(message.id);
    if (message.ok) p.resolve(message.result);
    else p.reject(new Error(message.error));
  };
  w.onerror = (event) => {
    for (const p of pending.values()) p.reject(new Error(event.message || 'trace worker failed'));
    pending.clear();
  };
  worker = w;
  return w;
}

function call<T>(body: RequestBody, transfer: Transferable[] = []): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    getWorker().postMessage({ ...body, id }, transfer);
  });
}

/** Boots the worker now (its script and chunks load in ~0.25 s) so it is ready when the rows arrive. */
export function prewarmTraceWorker(): void {
  if (typeof Worker !== 'undefined') getWorker(); // not during server rendering
}

// A load started before React hydrates (startTraceLoad), taken over by the page's query: one per tab, for the
// trace of the document the tab opened with.
let early: { traceId: string; load: Promise<LoadResult> } | null = null;
let earlyStarted = false;

/**
 * Starts loading `traceId` now: boots the worker and claims the skeleton the page's `Link` header preloaded.
 * Called while the page's scripts are evaluated, before hydration (~0.4 s of main-thread CPU for a 1k-span
 * page, 1–4 s of wall time on a loaded 2-core machine), so the worker's boot, the skeleton's claim and the
 * decode overlap hydration instead of following it. The next loadTraceInWorker(traceId) takes this load over; later calls (Refresh) load afresh.
 */
export function startTraceLoad(traceId: string): void {
  if (typeof Worker === 'undefined' || earlyStarted) return;
  earlyStarted = true;
  const load = fetchAndLoad(traceId);
  load.catch(() => {}); // the query that takes it over reports the failure
  early = { traceId, load };
}

export function loadTraceInWorker(traceId: string): Promise<LoadResult> {
  if (early?.traceId === traceId) {
    const { load } = early;
    early = null; // taken once: a later call (Refresh) loads afresh
    return load;
  }
  return fetchAndLoad(traceId);
}

async function fetchAndLoad(traceId: string): Promise<LoadResult> {
  // Page-clock timestamps (ms since navigation) so the benchmark can split load time into its parts.
  const requestedAtMs = performance.now();
  const url = new URL(`/api/traces/${encodeURIComponent(traceId)}/spans`, location.href).toString();
  getWorker(); // boots while the skeleton is read
  // The page fetches the skeleton so the browser serves it from the preload sent with the page (a Link header,
  // so the download starts with the HTML), and reads it whole with arrayBuffer(): native code, no
  // task per chunk on the busy main thread (handing the body stream to the worker forwarded every chunk
  // through this thread). The buffer is transferred, not copied; decoding happens in the worker.
  const response = await fetch(skeletonUrl(traceId));
  if (response.status === 404) return { status: 'not_found' };
  if (!response.ok) throw new Error(`GET ${skeletonUrl(traceId)} answered ${response.status}`);
  const skeleton = await response.arrayBuffer();
  const downloadedAtMs = performance.now();
  const result = await call<LoadResult>({ type: 'load', traceId, url, skeleton }, [skeleton]);
  if (result.status === 'ok') Object.assign(result.timings, { requestedAtMs, downloadedAtMs, receivedAtMs: performance.now() });
  return result;
}

/** Parses a trace file's text in the worker (kept there; nothing is uploaded) and lists its traces. */
export function openFileInWorker(text: string): Promise<OpenFileResult> {
  return call<OpenFileResult>({ type: 'open-file', text });
}

/** Builds one trace of the opened file; find, detail and analyze then take LOCAL_KEY_PREFIX + traceId. */
export function loadLocalTraceInWorker(traceId: string): Promise<LoadResult> {
  return call<LoadResult>({ type: 'load-local', traceId });
}

/** Matches among names, services and span ids (all a local file's fields): answered at once, in pre-order. */
export function findInWorker(traceId: string, query: string): Promise<Int32Array> {
  return call<Int32Array>({ type: 'find', traceId, query });
}

/** findInWorker's matches plus the spans whose attribute values match (asked of the server), in pre-order. */
export function findWithAttributesInWorker(traceId: string, query: string): Promise<Int32Array> {
  return call<Int32Array>({ type: 'find-attributes', traceId, query });
}

export function spanDetailInWorker(traceId: string, node: number): Promise<SpanDetail | null> {
  return call<SpanDetail | null>({ type: 'detail', traceId, node });
}

export function analyzeInWorker(traceId: string): Promise<AnalysisPatch> {
  return call<AnalysisPatch>({ type: 'analyze', traceId });
}

export function compareInTraceWorker(a: string, b: string): Promise<CompareResult> {
  return call<CompareResult>({ type: 'compare', a, b });
}

export function compareNodeInTraceWorker(a: string, b: string, node: number): Promise<DiffNode | null> {
  return call<DiffNode | null>({ type: 'compare-node', a, b, node });
}
