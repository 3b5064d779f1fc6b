// Turns the decoded skeleton (SkeletonColumns) into WaterfallData (for the main thread) and a TraceStore (kept in the worker; a
// stored trace's attributes are fetched per span for details and searched by the server for find, a local file's are attached). Runs in a Web Worker: at 500k spans this is the ~1 s of work that must not block input.
// Invariants: epoch nanoseconds stay bigint until made relative to the trace's earliest start; placeholder
// nodes get the extent of their orphan children.
import type { SpanRecord } from '../model/span';
import { StatusCode } from '../model/span';
import { resolveParentsByWords, type WordTable } from './resolve-parents-by-words';
import { parentIdAt, spanIdAt, type SkeletonColumns } from './skeleton-columns';
import { buildTraceTreeFromParents } from './trace-tree';
import type { WaterfallAnalysis } from './waterfall-analysis';
import { RowFlag, type WaterfallData } from './waterfall-data';
import type { WireTrace } from './waterfall-wire';

/** The fields the analysis engine reads (a structural subset of SpanRecord). */
export type AnalysisInputSpan = Pick<
  SpanRecord,
  'traceId' | 'spanId' | 'parentSpanId' | 'name' | 'kind' | 'serviceName' | 'startTimeUnixNano' | 'endTimeUnixNano' | 'statusCode' | 'host' | 'statusMessage' | 'attributes' | 'links'
>;

/**
 * What the analysis gets: the skeleton, and the store's raw times (relative to baseUnixNano, an unfinished span
 * flagged RowFlag.UNFINISHED). It stands for toAnalysisSpans(input), the spans in skeleton order; the engine's
 * adapter builds its input straight from the columns (analyze-skeleton.ts) instead of making those objects.
 */
export interface AnalysisInput {
  skeleton: SkeletonColumns;
  baseUnixNano: bigint;
  rawStart: Float64Array;
  rawEnd: Float64Array;
  flags: Uint8Array;
}

export type Analyze = (input: AnalysisInput) => WaterfallAnalysis;

export interface TraceStore {
  skeleton: SkeletonColumns;
  /** Full spans (attributes, events, links) of a trace opened from a file; index by span id via fullIndex. Null for stored traces (details on demand). */
  full: WireTrace | null;
  fullIndex: Map<string, number> | null;
  data: WaterfallData;
  baseUnixNano: bigint;
  raw: { start: Float64Array; end: Float64Array; flags: Uint8Array; parent: Int32Array; order: Int32Array };
  offset: Float64Array;
  reasonText: (span: number) => string | null;
  /** Span id words → span index, built when find first maps the server's attribute matches (trace-find.ts). */
  spanIdTable: WordTable | null;
}

export function buildWaterfall(skeleton: SkeletonColumns, analyze: Analyze | null): TraceStore {
  const n = skeleton.count;
  // The server's base is the stored earliest start; re-base on the spans actually received so relative
  // times are never negative (e.g. a summary from before a retention sweep).
  let minRel = n > 0 ? Infinity : 0;
  for (let i = 0; i < n; i++) if (skeleton.start[i]! < minRel) minRel = skeleton.start[i]!;
  const base = BigInt(skeleton.baseUnixNano) + BigInt(minRel);
  const rawStartSpans = new Float64Array(n);
  for (let i = 0; i < n; i++) rawStartSpans[i] = skeleton.start[i]! - minRel;
  const tree = buildTraceTreeFromParents(resolveParentsByWords(skeleton.spanIdWords, skeleton.parentIdWords, skeleton.hasParent), rawStartSpans);
  const nodes = tree.nodeCount;
  const rawStart = new Float64Array(nodes);
  const rawEnd = new Float64Array(nodes);
  const flags = new Uint8Array(nodes);
  const nameIndex = new Int32Array(nodes);
  nameIndex.set(skeleton.nameIndex);
  // Services by resource: each resource's service is interned once, then every span maps through it.
  const services: string[] = [];
  const serviceIds = new Map<string, number>();
  const serviceOfResource = skeleton.resources.map((r) => {
    let id = serviceIds.get(r.serviceName);
    if (id === undefined) {
      id = services.push(r.serviceName) - 1;
      serviceIds.set(r.serviceName, id);
    }
    return id;
  });
  const serviceIndex = new Int32Array(nodes).fill(-1);
  let maxEnd = 0;
  let errorCount = 0;
  for (let i = 0; i < n; i++) {
    rawStart[i] = rawStartSpans[i]!;
    const unfinished = skeleton.end[i]! < skeleton.start[i]!;
    rawEnd[i] = unfinished ? rawStart[i]! : skeleton.end[i]! - minRel;
    if (unfinished) flags[i]! |= RowFlag.UNFINISHED;
    if (rawEnd[i]! > maxEnd) maxEnd = rawEnd[i]!;
    if (skeleton.statusCode[i] === StatusCode.ERROR) {
      flags[i]! |= RowFlag.ERROR;
      errorCount++;
    }
    serviceIndex[i] = serviceOfResource[skeleton.resourceIndex[i]!] ?? -1;
  }
  // An unfinished span was still open when the trace was captured: draw it to the end of the trace.
  for (let i = 0; i < n; i++) if (flags[i]! & RowFlag.UNFINISHED) rawEnd[i] = maxEnd;
  const eventOffset = new Int32Array(nodes + 1);
  eventOffset.set(skeleton.eventOffset);
  eventOffset.fill(skeleton.eventOffset[n]!, n);
  const eventTimes = skeleton.eventTimes.map((t) => t - minRel);

  for (let k = 0; k < tree.missingParentIds.length; k++) {
    const node = n + k;
    flags[node] = RowFlag.PLACEHOLDER;
    nameIndex[node] = -1;
    rawStart[node] = Infinity;
    rawEnd[node] = -Infinity;
  }
  for (let i = 0; i < n; i++) {
    const p = tree.parent[i]!;
    if (p >= n) {
      rawStart[p] = Math.min(rawStart[p]!, rawStart[i]!);
      rawEnd[p] = Math.max(rawEnd[p]!, rawEnd[i]!);
    }
  }
  const data: WaterfallData = {
    traceId: skeleton.traceId,
    baseUnixNano: base.toString(),
    tree,
    spanIds: skeleton.spanIdHex,
    names: skeleton.names,
    nameIndex,
    services,
    serviceIndex,
    rawStart,
    rawEnd,
    // Until the analysis patch arrives the corrected timeline is the raw one.
    correctedStart: rawStart.slice(),
    correctedEnd: rawEnd.slice(),
    flags,
    eventOffset,
    eventTimes,
    criticalSegmentCount: 0,
    pathOffset: new Int32Array(nodes + 1),
    pathSegments: new Float64Array(0),
    findings: [],
    likelyCause: null,
    movedSpanCount: 0,
    skewReasonCode: new Uint8Array(nodes),
    skewReasonLabels: [],
    errorCount,
    analysisError: null,
    crossTrace: null,
    analyzed: false,
  };
  const store: TraceStore = {
    skeleton,
    full: null,
    fullIndex: null,
    data,
    // Copies kept in the worker: the arrays in `data` are transferred to the page and become unusable here.
    raw: { start: rawStart.slice(), end: rawEnd.slice(), flags: flags.slice(), parent: tree.parent.slice(), order: tree.order.slice() },
    baseUnixNano: base,
    offset: new Float64Array(n),
    reasonText: () => null,
    spanIdTable: null,
  };
  if (analyze) Object.assign(data, analyzeStore(store, analyze));
  return store;
}

/** What the analysis changes in WaterfallData; computed after first paint and merged in by the page. */
export type AnalysisPatch = Pick<
  WaterfallData,
  | 'correctedStart'
  | 'correctedEnd'
  | 'flags'
  | 'criticalSegmentCount'
  | 'pathOffset'
  | 'pathSegments'
  | 'findings'
  | 'likelyCause'
  | 'movedSpanCount'
  | 'skewReasonCode'
  | 'skewReasonLabels'
  | 'analysisError'
  | 'crossTrace'
  | 'analyzed'
>;

export function analyzeStore(store: TraceStore, analyze: Analyze): AnalysisPatch {
  const { start: rawStart, end: rawEnd, parent } = store.raw;
  const n = store.skeleton.count;
  const nodes = rawStart.length;
  const flags = store.raw.flags.slice();
  const offset = store.offset;
  const reasonCode = new Uint8Array(nodes);
  let reasonLabels: string[] = [];
  let criticalPath = new Float64Array(0);
  let findings: WaterfallData['findings'] = [];
  let likelyCause: WaterfallData['likelyCause'] = null;
  let analysisError: string | null = null;
  let crossTrace: WaterfallData['crossTrace'] = null;
  try {
    const result = analyze({ skeleton: store.skeleton, baseUnixNano: store.baseUnixNano, rawStart, rawEnd, flags });
    offset.set(result.offset.subarray(0, n));
    reasonCode.set(result.reasonCode.subarray(0, n));
    reasonLabels = result.reasonLabels;
    store.reasonText = reasonTextFor(result.reasonText, store.skeleton);
    findings = result.findings;
    likelyCause = result.likelyCause ?? null;
    crossTrace = result.crossTrace ?? null;
    criticalPath = new Float64Array(result.criticalPath.length * 3);
    result.criticalPath.forEach((seg, k) => {
      criticalPath[k * 3] = seg.span;
      criticalPath[k * 3 + 1] = seg.start;
      criticalPath[k * 3 + 2] = seg.end;
      flags[seg.span]! |= RowFlag.CRITICAL;
    });
  } catch (error) {
    // The waterfall is still useful without analysis; the header says why it is missing.
    analysisError = error instanceof Error ? error.message : String(error);
  }
  const correctedStart = rawStart.slice();
  const correctedEnd = rawEnd.slice();
  let movedSpanCount = 0;
  for (let i = 0; i < n; i++) {
    if (offset[i] === 0) continue;
    correctedStart[i] = rawStart[i]! + offset[i]!;
    correctedEnd[i] = rawEnd[i]! + offset[i]!;
    flags[i]! |= RowFlag.MOVED;
    movedSpanCount++;
  }
  for (let node = n; node < nodes; node++) {
    correctedStart[node] = Infinity;
    correctedEnd[node] = -Infinity;
  }
  for (let i = 0; i < n; i++) {
    const p = parent[i]!;
    if (p >= n) {
      correctedStart[p] = Math.min(correctedStart[p]!, correctedStart[i]!);
      correctedEnd[p] = Math.max(correctedEnd[p]!, correctedEnd[i]!);
    }
  }
  const { pathOffset, pathSegments } = groupPathByNode(criticalPath, nodes);
  return {
    correctedStart,
    correctedEnd,
    flags,
    criticalSegmentCount: criticalPath.length / 3,
    pathOffset,
    pathSegments,
    findings,
    likelyCause,
    movedSpanCount,
    skewReasonCode: reasonCode,
    skewReasonLabels: reasonLabels,
    analysisError,
    crossTrace,
    analyzed: true,
  };
}

/**
 * The store's reason texts, closed over the analysis' reason function and the skeleton only: a closure made
 * inside analyzeStore would share its scope and keep `result` and the path triples alive for the trace's life.
 */
function reasonTextFor(reasonText: WaterfallAnalysis['reasonText'], skeleton: SkeletonColumns): (span: number) => string | null {
  return (span) => reasonText(span, (i) => spanIdAt(skeleton, i));
}

/** Counting sort of (node, start, end) triples by node into CSR arrays; keeps time order within a node. */
export function groupPathByNode(path: Float64Array, nodes: number): { pathOffset: Int32Array; pathSegments: Float64Array } {
  const pathOffset = new Int32Array(nodes + 1);
  const count = path.length / 3;
  for (let k = 0; k < count; k++) pathOffset[path[k * 3]! + 1]!++;
  for (let i = 0; i < nodes; i++) pathOffset[i + 1]! += pathOffset[i]!;
  const fill = pathOffset.slice(0, nodes);
  const pathSegments = new Float64Array(count * 2);
  for (let k = 0; k < count; k++) {
    const at = fill[path[k * 3]!]!++;
    pathSegments[at * 2] = path[k * 3 + 1]!;
    pathSegments[at * 2 + 1] = path[k * 3 + 2]!;
  }
  return { pathOffset, pathSegments };
}

export function patchTransferables(patch: AnalysisPatch): ArrayBuffer[] {
  return [patch.correctedStart, patch.correctedEnd, patch.flags, patch.pathOffset, patch.pathSegments, patch.skewReasonCode].map((a) => a.buffer as ArrayBuffer);
}

/** Attaches the full spans of a trace opened from a file to its store, indexed by span id. */
export function attachFullSpans(store: TraceStore, full: WireTrace): void {
  const index = new Map<string, number>();
  full.spans.forEach((s, i) => index.set(s[0], i));
  store.full = full;
  store.fullIndex = index;
}

/** The spans an AnalysisInput stands for, index i = skeleton index i. */
export function toAnalysisSpans({ skeleton, baseUnixNano: base, rawStart, rawEnd, flags }: AnalysisInput): AnalysisInputSpan[] {
  const noHost = { id: null, name: null, ip: null, serviceInstanceId: null };
  const spans = new Array<AnalysisInputSpan>(skeleton.count);
  for (let i = 0; i < skeleton.count; i++) {
    const resource = skeleton.resources[skeleton.resourceIndex[i]!];
    spans[i] = {
      traceId: skeleton.traceId,
      spanId: spanIdAt(skeleton, i),
      parentSpanId: parentIdAt(skeleton, i),
      name: skeleton.names[skeleton.nameIndex[i]!]!,
      kind: skeleton.kind[i]! as SpanRecord['kind'],
      serviceName: resource?.serviceName ?? 'unknown',
      startTimeUnixNano: base + BigInt(rawStart[i]!),
      // 0n tells the engine the span never finished.
      endTimeUnixNano: flags[i]! & RowFlag.UNFINISHED ? 0n : base + BigInt(rawEnd[i]!),
      statusCode: skeleton.statusCode[i]! as SpanRecord['statusCode'],
      statusMessage: skeleton.statusMessage[i]!,
      attributes: {},
      links: [],
      host: resource?.host ?? noHost,
    };
  }
  return spans;
}
