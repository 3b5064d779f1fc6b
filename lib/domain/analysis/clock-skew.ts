// Per-trace clock-skew correction. One top-down pass (tree.order), O(n). For each span:
// - a root keeps its clock (offset 0);
// - a span on its parent's host (same clock) moves with its parent;
// - a span on another host starts from that host's offset already settled in this trace (a host has one
//   clock), else from the cross-trace estimate relative to its parent's host, else 0; if it then does not fit
//   inside its (corrected) parent, it is shifted so it does: centred, the leftover split evenly as network
//   latency (or, when its host was already placed, moved just enough to fit); a child longer than its parent
//   is only moved so it does not start before it;
// - a child that starts inside a failed parent and only overruns its end is left alone: the caller gave up
//   (a timeout) and the callee ran on — that is the timeout cascade, not skew;
// - differences below the two spans' clock resolution (span-table.ts) are noise: a child that overhangs its
//   parent by less than that fits;
// - a child longer than its parent that started after the parent ended (impossible for a call) is moved to the
//   parent's start: a server span may outlast its client span (it ends on the socket's close, after cleanup),
//   so "longer" is no reason to leave a host 300 ms ahead uncorrected;
// - PRODUCER→CONSUMER children are not fitted (a consumer may run after its producer ends), but a consumer
//   that starts before its producer started is impossible: it is moved to the producer's start, the least
//   move the evidence demands.
// Offsets are whole nanoseconds added to start and end alike: durations never change (an unfinished span has
// no duration; it is taken to run to the corrected end of the trace).
import { HostOffsetGraph } from './host-offset-graph';
import type { ResolvedAnalysisOptions } from './analysis-options';
import { isDetached, type SpanTable } from './span-table';
import type { SpanTree } from './span-tree';

export interface SkewCorrection {
  /** Nanoseconds added to each span's start and end. */
  offset: Float64Array;
  start: Float64Array;
  end: Float64Array;
  /** Why a span was shifted (SkewReason), 0 for spans left alone; text via skewReasonText. */
  reason: Uint8Array;
  /** The span (or host, for HOST_SETTLED / CROSS_TRACE) the reason refers to. */
  reasonRef: Int32Array;
}

// Reasons are codes, not strings: on a 500k-span trace with a skewed host most spans move, and a string each
// would dominate the run time and memory.
export const SkewReason = {
  NONE: 0,
  CENTRED: 1,
  LONGER_THAN_PARENT: 2,
  MOVED_WITH_PARENT: 3,
  HOST_SETTLED: 4,
  CROSS_TRACE: 5,
  NUDGED: 6,
  BEFORE_PRODUCER: 7,
} as const;

/** Short label per SkewReason code (index = code), for hover titles and legends. */
export const SKEW_REASON_LABELS = [
  '',
  'centred in its parent',
  "moved to its parent's start",
  'moved with its parent',
  'host already shifted in this trace',
  'cross-trace host offset',
  'nudged to fit its parent',
  "moved to its producer's start",
];

/**
 * `spanIdOf` resolves a span index to its id (by default through table.spans): the trace page passes its own so
 * it can keep the reasons of a 500k-span trace without keeping the analysis input's span objects alive.
 */
export function skewReasonText(
  table: Pick<SpanTable, 'host' | 'hostNames'> & Partial<Pick<SpanTable, 'spans'>>,
  skew: Pick<SkewCorrection, 'offset' | 'reason' | 'reasonRef'>,
  i: number,
  spanIdOf: (span: number) => string = (span) => table.spans![span]!.spanId,
): string | null {
  const ref = skew.reasonRef[i]!;
  const span = () => spanIdOf(ref);
  const host = table.hostNames[table.host[i]!];
  switch (skew.reason[i]) {
    case SkewReason.CENTRED:
      return `did not fit inside parent ${span()} on another host: centred, leftover split as network latency`;
    case SkewReason.LONGER_THAN_PARENT:
      return `longer than parent ${span()} on another host and started before it: moved to its start`;
    case SkewReason.MOVED_WITH_PARENT:
      return `same host as parent ${span()}: moved with it`;
    case SkewReason.HOST_SETTLED:
      return `host ${host} was already shifted by ${skew.offset[i]} ns in this trace`;
    case SkewReason.NUDGED:
      return `host ${host} already placed in this trace; moved just enough to fit inside parent ${span()}`;
    case SkewReason.BEFORE_PRODUCER:
      return `consumer started before its producer ${span()} on another host: moved to the producer's start`;
    case SkewReason.CROSS_TRACE:
      return `cross-trace estimate of ${host}'s clock against ${table.hostNames[ref]}`;
    default:
      return null;
  }
}

export function correctClockSkew(table: SpanTable, tree: SpanTree, options: Pick<ResolvedAnalysisOptions, 'hostOffsets'>): SkewCorrection {
  const { count, start, end, host, hostNames } = table;
  const offset = new Float64Array(count);
  const cStart = new Float64Array(count);
  const cEnd = new Float64Array(count);
  const reason = new Uint8Array(count);
  const reasonRef = new Int32Array(count).fill(-1);
  const because = (i: number, code: number, ref: number): void => {
    reason[i] = code;
    reasonRef[i] = ref;
  };
  const hostOffset = new Float64Array(hostNames.length);
  const hostSettled = new Uint8Array(hostNames.length);
  const crossTrace = options.hostOffsets && options.hostOffsets.length > 0 ? new HostOffsetGraph(options.hostOffsets) : undefined;

  for (let k = 0; k < count; k++) {
    const i = tree.order[k]!;
    const p = tree.parent[i]!;
    let off = 0;
    if (p < 0) {
      if (hostSettled[host[i]!]) off = hostOffset[host[i]!]!;
    } else if (host[i] === host[p]) {
      off = offset[p]!;
      if (off !== 0) because(i, SkewReason.MOVED_WITH_PARENT, p);
    } else {
      const pinned = hostSettled[host[i]!] === 1;
      off = baseOffset(i, p);
      const res = Math.max(table.resolution[i]!, table.resolution[p]!);
      if (isDetached(table, p, i)) {
        const s = start[i]! + off;
        if (s < cStart[p]! - res) {
          off += cStart[p]! - s;
          because(i, SkewReason.BEFORE_PRODUCER, p);
        }
      } else {
        const s = start[i]! + off;
        const e = end[i]! + off;
        const ps = cStart[p]!;
        const pe = cEnd[p]!;
        // A caller that failed may have given up (timed out) while its callee ran on: a callee that starts
        // inside such a caller and only overruns its end is real, not skew.
        const abandoned = table.error[p] === 1 && s >= ps - res && s <= pe;
        if ((s < ps - res || e > pe + res) && !abandoned) {
          const duration = e - s;
          const room = pe - ps;
          if (duration <= room && !table.unfinished[i]) {
            if (pinned) {
              // The host's clock is already placed by an earlier span in this trace: move as little as
              // needed instead of re-centring on a guess.
              off += s < ps ? ps - s : pe - e;
              because(i, SkewReason.NUDGED, p);
            } else {
              off += ps + Math.floor((room - duration) / 2) - s;
              because(i, SkewReason.CENTRED, p);
            }
          } else if (s < ps - res || s > pe) {
            off += ps - s;
            because(i, SkewReason.LONGER_THAN_PARENT, p);
          }
        }
      }
    }
    if (!hostSettled[host[i]!]) {
      hostSettled[host[i]!] = 1;
      hostOffset[host[i]!] = off;
    }
    offset[i] = off;
    cStart[i] = start[i]! + off;
    cEnd[i] = end[i]! + off;
  }
  // An unfinished span was open when the trace was captured: it runs to the corrected end of the trace.
  let traceEnd = -Infinity;
  for (let i = 0; i < count; i++) if (!table.unfinished[i] && cEnd[i]! > traceEnd) traceEnd = cEnd[i]!;
  for (let i = 0; i < count; i++) if (table.unfinished[i]) cEnd[i] = Math.max(cStart[i]!, traceEnd);
  return { offset, start: cStart, end: cEnd, reason, reasonRef };

  function baseOffset(i: number, p: number): number {
    const h = host[i]!;
    if (hostSettled[h]) {
      const settled = hostOffset[h]!;
      if (settled !== 0) because(i, SkewReason.HOST_SETTLED, h);
      return settled;
    }
    if (!crossTrace) return 0;
    // Directly measured, or through a chain of measured hosts (host-offset-graph.ts).
    const estimate = crossTrace.between(hostNames[host[p]!]!, hostNames[h]!);
    // Only a significant estimate is applied: within its error bound zero is as good a guess.
    if (!estimate || Math.abs(estimate.offsetNs) <= estimate.errorBoundNs) return 0;
    const theta = estimate.offsetNs;
    because(i, SkewReason.CROSS_TRACE, host[p]!);
    return offset[p]! - theta;
  }
}
