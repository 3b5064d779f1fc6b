// The trace page's Web Worker: fetches, parses, builds the tree and runs the analysis off the main thread,
// then transfers flat arrays to the page. It keeps the decoded trace (TraceStore) for details and find, so
// attributes of 500k spans never cross to the main thread.
import { analyzeStore, attachFullSpans, buildWaterfall, patchTransferables, type AnalysisPatch, type TraceStore } from '@/lib/domain/waterfall/build-waterfall';
import { findMatches } from '@/lib/domain/waterfall/find-filter';
import { searchTextOf, spanDetail } from '@/lib/domain/waterfall/span-detail';
import { transferablesOf } from '@/lib/domain/waterfall/waterfall-data';
import { decodeSkeleton } from '@/lib/domain/waterfall/skeleton-binary';
import type { WireTrace } from '@/lib/domain/waterfall/waterfall-wire';
import { waterfallAnalyzer } from './analyze-for-waterfall';
import { compareInWorker, compareNodeInWorker } from './compare-in-worker';
import { compareRowsTransferables } from '@/lib/domain/compare/compare-rows';
import { fetchCrossTraceOffsets, skewTableUrl, type CrossTraceOffsets } from './cross-trace-offsets';
import { LOCAL_KEY_PREFIX, type LoadResult, type OpenFileResult, type TraceWorkerRequest, type TraceWorkerResponse } from './trace-worker-protocol';
import { readLocalTraceFile } from '@/lib/domain/formats/read-local-trace-file';
import { TraceFormatError } from '@/lib/domain/formats/format-error';
import type { SpanRecord } from '@/lib/domain/model/span';
import { skeletonColumnsFromTuples } from '@/lib/domain/waterfall/skeleton-columns';
import { wireFromSpans } from '@/lib/domain/waterfall/wire-from-spans';

const stores = new Map<string, TraceStore>();
// The full spans (attributes, events, links) load after first paint; details and find wait for them.
const fullLoads = new Map<string, Promise<void>>();
const fullUrls = new Map<string, string>();
// Cross-trace host offsets (GET /api/skew around the trace's start), requested once the rows are built so the
// download overlaps first paint; the analysis waits for it (bounded by a timeout; null = analyse without).
const skewTables = new Map<string, Promise<CrossTraceOffsets | null>>();
// Keep the two most recent traces: enough for back/forward between linked traces without growing forever.
const MAX_STORES = 2;

function remember(key: string, store: TraceStore): void {
  stores.delete(key);
  stores.set(key, store);
  while (stores.size > MAX_STORES) {
    const oldest = stores.keys().next().value!;
    stores.delete(oldest);
    fullLoads.delete(oldest);
    fullUrls.delete(oldest);
    skewTables.delete(oldest);
  }
}

function load(traceId: string, url: string, skeleton: ArrayBuffer): LoadResult {
  const t0 = performance.now();
  const wire = decodeSkeleton(new Uint8Array(skeleton));
  const t1 = performance.now();
  // Rows first; the analysis runs on the next request (see 'analyze') so it never delays first paint.
  const store = buildWaterfall(wire, null);
  const t2 = performance.now();
  remember(traceId, store);
  fullLoads.delete(traceId);
  fullUrls.set(traceId, url);
  skewTables.set(traceId, fetchCrossTraceOffsets(skewTableUrl(url, store.baseUnixNano)));
  return { status: 'ok', data: store.data, timings: { decodeMs: t1 - t0, buildMs: t2 - t1, spans: wire.count } };
}

// The traces of the file opened last on /trace/local (one file at a time; opening another replaces it).
let localTraces = new Map<string, SpanRecord[]>();

function openFile(text: string): OpenFileResult {
  try {
    const file = readLocalTraceFile(text);
    localTraces = new Map(file.traces.map((t) => [t.summary.traceId, t.spans]));
    return { ok: true, format: file.format, traces: file.traces.map((t) => t.summary) };
  } catch (error) {
    if (error instanceof TraceFormatError) return { ok: false, error: error.message };
    throw error;
  }
}

/** A local trace goes through the stored-trace pipeline, with its full spans attached at once and no cross-trace offsets (nothing is fetched). */
function loadLocal(traceId: string): LoadResult {
  const spans = localTraces.get(traceId);
  if (!spans) return { status: 'not_found' };
  const t0 = performance.now();
  const { skeleton, full } = wireFromSpans(traceId, spans);
  const store = buildWaterfall(skeletonColumnsFromTuples(skeleton), null);
  attachFullSpans(store, full);
  const key = LOCAL_KEY_PREFIX + traceId;
  remember(key, store);
  fullLoads.set(key, Promise.resolve());
  skewTables.set(key, Promise.resolve(null));
  return { status: 'ok', data: store.data, timings: { buildMs: performance.now() - t0, spans: spans.length } };
}

async function loadFull(store: TraceStore, url: string): Promise<void> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  attachFullSpans(store, (await response.json()) as WireTrace);
}

/**
 * Starts loading the full spans once (after the analysis, or on the first detail/find request): the server
 * and this worker share the machine's CPU with the analysis, which matters more right after first paint.
 * A failed load leaves details with the skeleton's fields (no attributes) rather than failing them.
 */
function ensureFull(traceId: string, store: TraceStore): Promise<void> {
  let loading = fullLoads.get(traceId);
  if (!loading) {
    loading = loadFull(store, fullUrls.get(traceId)!).catch((error: unknown) => console.warn('[trace worker] full spans failed', error));
    fullLoads.set(traceId, loading);
  }
  return loading;
}

async function fullStoreOf(traceId: string): Promise<TraceStore> {
  const store = storeOf(traceId);
  await ensureFull(traceId, store);
  return store;
}

async function analyze(traceId: string): Promise<AnalysisPatch> {
  const crossTrace = (await skewTables.get(traceId)) ?? null;
  const store = storeOf(traceId);
  const patch = analyzeStore(store, waterfallAnalyzer(crossTrace));
  void ensureFull(traceId, store);
  return patch;
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
      const result = load(request.traceId, request.url, request.skeleton);
      // Transferring the typed arrays hands them to the page without a copy; the store keeps the wire data.
      const transfer = result.status === 'ok' ? transferablesOf(result.data) : [];
      post({ id: request.id, ok: true, result }, transfer);
    } else if (request.type === 'open-file') {
      post({ id: request.id, ok: true, result: openFile(request.text) });
    } else if (request.type === 'load-local') {
      const result = loadLocal(request.traceId);
      post({ id: request.id, ok: true, result }, result.status === 'ok' ? transferablesOf(result.data) : []);
    } else if (request.type === 'find') {
      const store = await fullStoreOf(request.traceId);
      const tree = { ...store.data.tree, order: store.raw.order, parent: store.raw.parent };
      const matches = findMatches(tree, (node) => searchTextOf(store, node), request.query);
      post({ id: request.id, ok: true, result: matches }, [matches.buffer as ArrayBuffer]);
    } else if (request.type === 'compare') {
      const result = await compareInWorker(request.a, request.b);
      post({ id: request.id, ok: true, result }, result.status === 'ok' ? compareRowsTransferables(result.view.rows) : []);
    } else if (request.type === 'compare-node') {
      post({ id: request.id, ok: true, result: compareNodeInWorker(request.a, request.b, request.node) });
    } else if (request.type === 'analyze') {
      const patch = await analyze(request.traceId);
      post({ id: request.id, ok: true, result: patch }, patchTransferables(patch));
    } else {
      post({ id: request.id, ok: true, result: spanDetail(await fullStoreOf(request.traceId), request.node) });
    }
  } catch (error) {
    post({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
};

function post(message: TraceWorkerResponse, transfer: ArrayBuffer[] = []): void {
  (self as unknown as { postMessage(m: unknown, t: Transferable[]): void }).postMessage(message, transfer);
}
