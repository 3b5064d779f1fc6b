// Decodes a WireTrace into WaterfallData (for the main thread) and a TraceStore (kept in the worker for span
// details and find). Runs in a Web Worker: at 500k spans this is the ~1 s of work that must not block input.
// Invariants: epoch nanoseconds stay bigint until made relative to the trace's earliest start; placeholder
// nodes get the extent of their orphan children.
import type { SpanRecord } from '../model/span';
import { StatusCode } from '../model/span';
import { buildTraceTree } from './trace-tree';
import type { WaterfallAnalysis } from './waterfall-analysis';
import { RowFlag, type WaterfallData } from './waterfall-data';
import type { WireTrace } from './waterfall-wire';

/** The fields the analysis engine reads (a structural subset of SpanRecord). */
export type AnalysisInputSpan = Pick<
  SpanRecord,
  'traceId' | 'spanId' | 'parentSpanId' | 'name' | 'kind' | 'serviceName' | 'startTimeUnixNano' | 'endTimeUnixNano' | 'statusCode' | 'host' | 'statusMessage' | 'attributes' | 'links'
>;

export type Analyze = (spans: AnalysisInputSpan[]) => WaterfallAnalysis;

export interface TraceStore {
  wire: WireTrace;
  data: WaterfallData;
  baseUnixNano: bigint;
  offset: Float64Array;
  reasonText: (span: number) => string | null;
  selfTime: Float64Array | null;
  searchText: string[] | null;
}

export function buildWaterfall(wire: WireTrace, analyze: Analyze | null): TraceStore {
  const spans = wire.spans;
  const n = spans.length;
  let base = n > 0 ? BigInt(spans[0]![4]) : 0n;
  const startNs: bigint[] = new Array(n);
  const endNs: bigint[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const s = BigInt(spans[i]![4]);
    startNs[i] = s;
    endNs[i] = BigInt(spans[i]![5]);
    if (s < base) base = s;
  }
  const rawStartSpans = new Float64Array(n);
  for (let i = 0; i < n; i++) rawStartSpans[i] = Number(startNs[i]! - base);
  const tree = buildTraceTree({ spanIds: spans.map((s) => s[0]), parentSpanIds: spans.map((s) => s[1]), start: rawStartSpans });
  const nodes = tree.nodeCount;
  const rawStart = new Float64Array(nodes);
  const rawEnd = new Float64Array(nodes);
  const flags = new Uint8Array(nodes);
  const nameIndex = new Int32Array(nodes);
  const serviceIndex = new Int32Array(nodes).fill(-1);
  const names: string[] = [];
  const nameIds = new Map<string, number>();
  const services: string[] = [];
  const serviceIds = new Map<string, number>();
  const intern = (ids: Map<string, number>, table: string[], key: string) => {
    let id = ids.get(key);
    if (id === undefined) { id = table.length; ids.set(key, id); table.push(key); }
    return id;
  };
  let maxEnd = 0;
  let errorCount = 0;
  let eventCount = 0;
  for (let i = 0; i < n; i++) {
    const s = spans[i]!;
    rawStart[i] = rawStartSpans[i]!;
    const unfinished = endNs[i]! === 0n || endNs[i]! < startNs[i]!;
    rawEnd[i] = unfinished ? rawStart[i]! : Number(endNs[i]! - base);
    if (unfinished) flags[i]! |= RowFlag.UNFINISHED;
    if (rawEnd[i]! > maxEnd) maxEnd = rawEnd[i]!;
    if (s[6] === StatusCode.ERROR) { flags[i]! |= RowFlag.ERROR; errorCount++; }
    nameIndex[i] = intern(nameIds, names, s[2]);
    serviceIndex[i] = intern(serviceIds, services, wire.resources[s[11]]?.serviceName ?? 'unknown');
    eventCount += s[9]?.length ?? 0;
  }
  // An unfinished span was still open when the trace was captured: draw it to the end of the trace.
  for (let i = 0; i < n; i++) if (flags[i]! & RowFlag.UNFINISHED) rawEnd[i] = maxEnd;
  const eventOffset = new Int32Array(nodes + 1);
  const eventTimes = new Float64Array(eventCount);
  let e = 0;
  for (let i = 0; i < nodes; i++) {
    eventOffset[i] = e;
    const events = i < n ? spans[i]![9] : null;
    if (events) for (const ev of events) eventTimes[e++] = Number(BigInt(ev.timeUnixNano) - base);
  }
  eventOffset[nodes] = e;

  const offset = new Float64Array(n);
  const reasonCode = new Uint8Array(nodes);
  let reasonLabels: string[] = [];
  let reasonText: TraceStore['reasonText'] = () => null;
  let criticalPath = new Float64Array(0);
  let findings: WaterfallData['findings'] = [];
  let analysisError: string | null = null;
  if (analyze) {
    try {
      const result = analyze(toAnalysisSpans(wire, startNs, endNs));
      offset.set(result.offset.subarray(0, n));
      reasonCode.set(result.reasonCode.subarray(0, n));
      reasonLabels = result.reasonLabels;
      reasonText = (span) => result.reasonText(span);
      findings = result.findings;
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
  }
  const correctedStart = new Float64Array(nodes);
  const correctedEnd = new Float64Array(nodes);
  let movedSpanCount = 0;
  for (let i = 0; i < n; i++) {
    correctedStart[i] = rawStart[i]! + offset[i]!;
    correctedEnd[i] = rawEnd[i]! + offset[i]!;
    if (offset[i] !== 0) { flags[i]! |= RowFlag.MOVED; movedSpanCount++; }
  }
  for (let k = 0; k < tree.missingParentIds.length; k++) {
    const node = n + k;
    flags[node] = RowFlag.PLACEHOLDER;
    nameIndex[node] = -1;
    rawStart[node] = correctedStart[node] = Infinity;
    rawEnd[node] = correctedEnd[node] = -Infinity;
  }
  for (let i = 0; i < n; i++) {
    const p = tree.parent[i]!;
    if (p >= n) {
      rawStart[p] = Math.min(rawStart[p]!, rawStart[i]!);
      rawEnd[p] = Math.max(rawEnd[p]!, rawEnd[i]!);
      correctedStart[p] = Math.min(correctedStart[p]!, correctedStart[i]!);
      correctedEnd[p] = Math.max(correctedEnd[p]!, correctedEnd[i]!);
    }
  }
  const data: WaterfallData = {
    traceId: wire.traceId,
    baseUnixNano: base.toString(),
    tree,
    spanIds: spans.map((s) => s[0].padEnd(16, '0').slice(0, 16)).join(''),
    names,
    nameIndex,
    services,
    serviceIndex,
    rawStart,
    rawEnd,
    correctedStart,
    correctedEnd,
    flags,
    eventOffset,
    eventTimes,
    criticalPath,
    findings,
    movedSpanCount,
    skewReasonCode: reasonCode,
    skewReasonLabels: reasonLabels,
    errorCount,
    analysisError,
  };
  return { wire, data, baseUnixNano: base, offset, reasonText, selfTime: null, searchText: null };
}

function toAnalysisSpans(wire: WireTrace, startNs: bigint[], endNs: bigint[]): AnalysisInputSpan[] {
  const noHost = { id: null, name: null, ip: null, serviceInstanceId: null };
  return wire.spans.map((s, i) => {
    const resource = wire.resources[s[11]];
    return {
      traceId: wire.traceId,
      spanId: s[0],
      parentSpanId: s[1],
      name: s[2],
      kind: s[3] as SpanRecord['kind'],
      serviceName: resource?.serviceName ?? 'unknown',
      startTimeUnixNano: startNs[i]!,
      endTimeUnixNano: endNs[i]!,
      statusCode: s[6] as SpanRecord['statusCode'],
      statusMessage: s[7],
      attributes: s[8] ?? {},
      links: (s[10] ?? []).map((l) => ({ traceId: l.traceId, spanId: l.spanId, traceState: '', attributes: l.attributes ?? {}, droppedAttributesCount: 0, flags: 0 })),
      host: resource?.host ?? noHost,
    };
  });
}
