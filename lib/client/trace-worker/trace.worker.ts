// The trace page's Web Worker: fetches, parses, builds the tree and runs the analysis off the main thread,
// then transfers flat arrays to the page. It keeps the decoded skeleton (TraceStore) for details and find; a
// stored trace's attributes, events and links are never downloaded whole (issue 22: that JSON copy was most
// of the worker's 340 MB at 500k spans): details fetch the selected span, find asks the server for attribute
// matches.
import { analyzeStore, attachFullSpans, buildWaterfall, patchTransferables, type AnalysisPatch, type TraceStore } from '@/lib/domain/waterfall/build-waterfall';
import { findQueryText } from '@/lib/domain/waterfall/attribute-find';
import { isSpanNode, spanDetail, type SpanDetail } from '@/lib/domain/waterfall/span-detail';
import { spanIdAt } from '@/lib/domain/waterfall/skeleton-columns';
import { markSpanIds, matchesInOrder, skeletonMatchMask } from '@/lib/domain/waterfall/trace-find';
import { transferablesOf } from '@/lib/domain/waterfall/waterfall-data';
import { decodeSkeleton } from '@/lib/domain/waterfall/skeleton-binary';
import type { WireSpan, WireTrace } from '@/lib/domain/waterfall/waterfall-wire';
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
// GET /api/traces/{id}/spans of each stored trace: details and find URLs are built from it.
const spansUrls = new Map<string, string>();
// Spans fetched for the detail panel (attributes, events, links), most recently used last; bounded so a long
// session of clicking through a huge trace does not rebuild the full copy one span at a time.
const fetchedSpans = new Map<string, Promise<WireSpan | null>>();
const MAX_FETCHED_SPANS = 256;
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
    spansUrls.delete(oldest);
    skewTables.delete(oldest);
    for (const key of fetchedSpans.keys()) if (key.startsWith(`${oldest}/`)) fetchedSpans.delete(key);
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
  spansUrls.set(traceId, url);
  for (const key of fetchedSpans.keys()) if (key.startsWith(`${traceId}/`)) fetchedSpans.delete(key);
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
  skewTables.set(key, Promise.resolve(null));
  return { status: 'ok', data: store.data, timings: { buildMs: performance.now() - t0, spans: spans.length } };
}

/** The span's attributes, events and links from the server (GET …/spans/{spanId}), through a small cache. */
function fetchSpan(traceId: string, spanId: string): Promise<WireSpan | null> {
  const key = `${traceId}/${spanId}`;
  let span = fetchedSpans.get(key);
  if (span)
    fetchedSpans.delete(key); // re-inserted below as the most recently used
  else {
    span = fetchJson<WireTrace>(`${spansUrls.get(traceId)!}/${encodeURIComponent(spanId)}`).then((wire) => wire.spans[0] ?? null);
    // A failure is not cached: the next selection of the span asks again.
    span.catch(() => fetchedSpans.delete(key));
  }
  fetchedSpans.set(key, span);
  while (fetchedSpans.size > MAX_FETCHED_SPANS) fetchedSpans.delete(fetchedSpans.keys().next().value!);
  return span;
}

async function detail(traceId: string, node: number): Promise<SpanDetail | null> {
  const store = storeOf(traceId);
  if (!isSpanNode(store, node)) return null;
  if (store.full || !spansUrls.has(traceId)) return spanDetail(store, node);
  try {
    return spanDetail(store, node, await fetchSpan(traceId, spanIdAt(store.skeleton, node)));
  } catch (error) {
    // The skeleton's fields are still worth showing (times, status, skew); attributes are missing, not wrong.
    console.warn('[trace worker] span details failed', error);
    return spanDetail(store, node);
  }
}

/** Matches of what the worker holds (names, services, span ids, status messages; a local file's attributes). */
function findInSkeleton(traceId: string, query: string): Int32Array {
  const store = storeOf(traceId);
  return matchesInOrder(store.raw.order, skeletonMatchMask(store, findQueryText(query)));
}

/** findInSkeleton's matches plus the spans the server finds by attribute value (GET /api/traces/{id}/find). */
async function findWithAttributes(traceId: string, query: string): Promise<Int32Array> {
  const store = storeOf(traceId);
  const q = findQueryText(query);
  const mask = skeletonMatchMask(store, q);
  const url = spansUrls.get(traceId);
  if (q !== '' && !store.full && url) {
    const found = await fetchJson<{ spanIds: string[] }>(`${url.replace(/\/spans$/, '/find')}?${new URLSearchParams({ q })}`);
    markSpanIds(store, found.spanIds, mask);
  }
  return matchesInOrder(store.raw.order, mask);
}

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as T;
}

async function analyze(traceId: string): Promise<AnalysisPatch> {
  const crossTrace = (await skewTables.get(traceId)) ?? null;
  const store = storeOf(traceId);
  return analyzeStore(store, waterfallAnalyzer(crossTrace));
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
    } else if (request.type === 'find' || request.type === 'find-attributes') {
      const matches = request.type === 'find' ? findInSkeleton(request.traceId, request.query) : await findWithAttributes(request.traceId, request.query);
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
      post({ id: request.id, ok: true, result: await detail(request.traceId, request.node) });
    }
  } catch (error) {
    post({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
};

function post(message: TraceWorkerResponse, transfer: ArrayBuffer[] = []): void {
  (self as unknown as { postMessage(m: unknown, t: Transferable[]): void }).postMessage(message, transfer);
}
