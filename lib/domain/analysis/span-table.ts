// Columnar view of one trace's spans for the hot loops. Invariants and units:
// - index i is the position in the input array; every array has `count` entries;
// - start/end are nanoseconds relative to `baseUnixNano` (the earliest start) as doubles: exact up to
//   2^53 ns (~104 days), so epoch nanoseconds never live in a number;
// - an unfinished span (end 0n or before its start) gets end = the latest end seen in the trace, since it was
//   still open when the trace was captured;
// - host and service are interned to small integers (host = clockKey, the identity of one clock);
// - resolution[i] is the granularity the span's start was recorded with (ns): 1 ms when it falls on a whole
//   millisecond (the OpenTelemetry JS SDK takes span starts from Date.now() and adds a precise duration, so
//   the whole span sits up to 1 ms early), 1 µs on a whole microsecond (Zipkin, Jaeger), else 1 ns. Rules
//   comparing two spans' instants treat differences below their resolutions as noise (clock-resolution.ts).
import { SpanKind, StatusCode } from '../model/span';
import type { AnalysisSpan } from './analysis-span';
import { ClockKeyCache } from './clock-key-cache';
import { resolutionOfNanosWithinMs } from './clock-resolution';

// Enum members copied to module constants: under the CommonJS interop of tsx/vitest every `SpanKind.X` in a
// hot loop is a getter call.
const ERROR = StatusCode.ERROR;
const CONSUMER = SpanKind.CONSUMER;
const PRODUCER = SpanKind.PRODUCER;

export interface SpanTable {
  count: number;
  spans: readonly AnalysisSpan[];
  baseUnixNano: bigint;
  start: Float64Array;
  end: Float64Array;
  unfinished: Uint8Array;
  resolution: Float64Array;
  kind: Uint8Array;
  error: Uint8Array;
  host: Int32Array;
  hostNames: string[];
  service: Int32Array;
  serviceNames: string[];
}

export function buildSpanTable(spans: readonly AnalysisSpan[]): SpanTable {
  const count = spans.length;
  let base = count > 0 ? spans[0]!.startTimeUnixNano : 0n;
  for (let i = 1; i < count; i++) {
    const s = spans[i]!.startTimeUnixNano;
    if (s < base) base = s;
  }
  const start = new Float64Array(count);
  const end = new Float64Array(count);
  const unfinished = new Uint8Array(count);
  const resolution = new Float64Array(count);
  // start + baseMod is the start's position within its millisecond, exact in a double.
  const baseMod = Number(base % 1_000_000n);
  const kind = new Uint8Array(count);
  const error = new Uint8Array(count);
  const host = new Int32Array(count);
  const service = new Int32Array(count);
  const serviceIds = new Map<string, number>();
  const serviceNames: string[] = [];
  const clocks = new ClockKeyCache();
  let lastService = '';
  let lastServiceId = -1;
  let maxEnd = 0;
  for (let i = 0; i < count; i++) {
    const span = spans[i]!;
    const s = Number(span.startTimeUnixNano - base);
    start[i] = s;
    resolution[i] = resolutionOfNanosWithinMs((s + baseMod) % 1_000_000);
    if (span.endTimeUnixNano === 0n || span.endTimeUnixNano < span.startTimeUnixNano) {
      unfinished[i] = 1;
      end[i] = s;
    } else {
      const e = Number(span.endTimeUnixNano - base);
      end[i] = e;
      if (e > maxEnd) maxEnd = e;
    }
    kind[i] = span.kind;
    error[i] = span.statusCode === ERROR ? 1 : 0;
    if (span.serviceName !== lastService || lastServiceId < 0) {
      lastService = span.serviceName;
      lastServiceId = intern(serviceIds, serviceNames, lastService);
    }
    service[i] = lastServiceId;
    host[i] = clocks.idOf(span.host, span.serviceName);
  }
  for (let i = 0; i < count; i++) if (unfinished[i] && end[i]! < maxEnd) end[i] = maxEnd;
  return { count, spans, baseUnixNano: base, start, end, unfinished, resolution, kind, error, host, hostNames: clocks.names, service, serviceNames };
}

/** The id of `key` in an interning table (`ids` and `names` grow together), assigned in first-seen order. */
export function intern(ids: Map<string, number>, names: string[], key: string): number {
  let id = ids.get(key);
  if (id === undefined) {
    id = names.length;
    ids.set(key, id);
    names.push(key);
  }
  return id;
}

/** PRODUCER→CONSUMER work runs on its own schedule: it is not waited for and is no skew or path evidence. */
export function isDetached(table: SpanTable, parent: number, child: number): boolean {
  return table.kind[child] === CONSUMER || table.kind[parent] === PRODUCER;
}
