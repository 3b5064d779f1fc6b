// Promise-based calls into the trace Web Worker (one per tab, created on first use).
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

function call<T>(body: RequestBody): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    getWorker().postMessage({ ...body, id });
  });
}

export function loadTraceInWorker(traceId: string): Promise<LoadResult> {
  return call<LoadResult>({ type: 'load', traceId, url: new URL(`/api/traces/${traceId}/spans`, location.href).toString() });
}

export function findInWorker(traceId: string, query: string): Promise<Int32Array> {
  return call<Int32Array>({ type: 'find', traceId, query });
}

export function spanDetailInWorker(traceId: string, node: number): Promise<SpanDetail | null> {
  return call<SpanDetail | null>({ type: 'detail', traceId, node });
}
