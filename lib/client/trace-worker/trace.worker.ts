// The trace page's Web Worker: fetches, parses, builds the tree and runs the analysis off the main thread,
// then transfers flat arrays to the page. It keeps the decoded trace (TraceStore) for details and find, so
// attributes of 500k spans never cross to the main thread.
import { buildWaterfall, type TraceStore } from '@/lib/domain/waterfall/build-waterfall';
import { findMatches } from '@/lib/domain/waterfall/find-filter';
import { searchTextOf, spanDetail } from '@/lib/domain/waterfall/span-detail';
import { transferablesOf } from '@/lib/domain/waterfall/waterfall-data';
import type { WireTrace } from '@/lib/domain/waterfall/waterfall-wire';
import { analyzeForWaterfall } from './analyze-for-waterfall';
import type { LoadResult, TraceWorkerRequest, TraceWorkerResponse } from './trace-worker-protocol';

const stores = new Map<string, TraceStore>();
// Keep the two most recent traces: enough for back/forward between linked traces without growing forever.
const MAX_STORES = 2;

async function load(traceId: string, url: string): Promise<LoadResult> {
  const t0 = performance.now();
  const response = await fetch(url);
  if (response.status === 404) return { status: 'not_found' };
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  const wire = (await response.json()) as WireTrace;
  const t1 = performance.now();
  const store = buildWaterfall(wire, analyzeForWaterfall);
  const t2 = performance.now();
  stores.delete(traceId);
  stores.set(traceId, store);
  while (stores.size > MAX_STORES) stores.delete(stores.keys().next().value!);
  return { status: 'ok', data: store.data, timings: { fetchParseMs: t1 - t0, buildMs: t2 - t1 } };
}

function storeOf(traceId: string): TraceStore {
  const store = stores.get(traceId);
  if (!store) throw new Error(`trace ${traceId} is not loaded`);
  return store;
}

self.onmessage = async (event: MessageEvent<TraceWorkerRequest>) => {
  const request = event.data;
  try {
    if (request.type === 'load') {
      const result = await load(request.traceId, request.url);
      // Transferring the typed arrays hands them to the page without a copy; the store keeps the wire data.
      const transfer = result.status === 'ok' ? transferablesOf(result.data) : [];
      if (result.status === 'ok') {
        const store = storeOf(request.traceId);
        store.data = { ...store.data, tree: { ...store.data.tree, parent: store.data.tree.parent.slice(), order: store.data.tree.order.slice() } };
      }
      post({ id: request.id, ok: true, result }, transfer);
    } else if (request.type === 'find') {
      const store = storeOf(request.traceId);
      const matches = findMatches(store.data.tree, (node) => searchTextOf(store, node), request.query);
      post({ id: request.id, ok: true, result: matches }, [matches.buffer as ArrayBuffer]);
    } else {
      post({ id: request.id, ok: true, result: spanDetail(storeOf(request.traceId), request.node) });
    }
  } catch (error) {
    post({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
};

function post(message: TraceWorkerResponse, transfer: ArrayBuffer[] = []): void {
  (self as unknown as { postMessage(m: unknown, t: Transferable[]): void }).postMessage(message, transfer);
}
