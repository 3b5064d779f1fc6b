// Promise-based calls into the trace Web Worker (one per tab, created on first use).
import type { AnalysisPatch } from '@/lib/domain/waterfall/build-waterfall';
import { skeletonUrl } from '../trace-urls';
import type { SpanDetail } from '@/lib/domain/waterfall/span-detail';
import type { LoadResult, TraceWorkerRequest, TraceWorkerResponse } from './trace-worker-protocol';

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


export async function loadTraceInWorker(traceId: string): Promise<LoadResult> {
  // Page-clock timestamps (ms since navigation) so the benchmark can split load time into its parts.
  const requestedAtMs = performance.now();
  const url = new URL(`/api/traces/${encodeURIComponent(traceId)}/spans`, location.href).toString();
  getWorker(); // start the worker's boot while the page waits for the response headers
  // The page fetches the skeleton so the browser can serve it from the <link rel=preload> the server page
  // emitted (the download starts before hydration); the body stream is transferred, so parsing stays in the
  // worker. Browsers that cannot transfer streams fall back to the worker fetching it itself.
  const response = await fetch(skeletonUrl(traceId));
  if (response.status === 404) return { status: 'not_found' };
  if (!response.ok || !response.body) throw new Error(`GET ${skeletonUrl(traceId)} answered ${response.status}`);
  let result: LoadResult;
  try {
    result = await call<LoadResult>({ type: 'load', traceId, url, body: response.body }, [response.body as unknown as Transferable]);
  } catch (error) {
    if (!(error instanceof DOMException && error.name === 'DataCloneError')) throw error;
    result = await call<LoadResult>({ type: 'load', traceId, url, body: null });
  }
  if (result.status === 'ok') Object.assign(result.timings, { requestedAtMs, receivedAtMs: performance.now() });
  return result;
}

export function findInWorker(traceId: string, query: string): Promise<Int32Array> {
  return call<Int32Array>({ type: 'find', traceId, query });
}

export function spanDetailInWorker(traceId: string, node: number): Promise<SpanDetail | null> {
  return call<SpanDetail | null>({ type: 'detail', traceId, node });
}

export function analyzeInWorker(traceId: string): Promise<AnalysisPatch> {
  return call<AnalysisPatch>({ type: 'analyze', traceId });
}
