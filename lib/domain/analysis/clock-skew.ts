// Per-trace clock-skew correction. One top-down pass (tree.order), O(n). For each span:
// - a root keeps its clock (offset 0);
// - a span on its parent's host (same clock) moves with its parent;
// - a span on another host starts from that host's offset already settled in this trace (a host has one
//   clock), else from the cross-trace estimate relative to its parent's host, else 0; if it then does not fit
//   inside its (corrected) parent, it is shifted so it does: centred, the leftover split evenly as network
//   latency; a child longer than its parent is only moved so it does not start before it;
// - PRODUCER→CONSUMER children are not fitted (a consumer may run after its producer ends).
// Offsets are whole nanoseconds added to start and end alike: durations never change.
import { indexHostOffsets, offsetBetween } from './host-offset';
import type { ResolvedAnalysisOptions } from './analysis-options';
import { isDetached, type SpanTable } from './span-table';
import type { SpanTree } from './span-tree';

export interface SkewCorrection {
  /** Nanoseconds added to each span's start and end. */
  offset: Float64Array;
  start: Float64Array;
  end: Float64Array;
  /** Why a span was shifted, for shifted spans only. */
  reasons: Map<number, string>;
}

export function correctClockSkew(table: SpanTable, tree: SpanTree, options: Pick<ResolvedAnalysisOptions, 'hostOffsets'>): SkewCorrection {
  const { count, start, end, host, hostNames, spans } = table;
  const offset = new Float64Array(count);
  const cStart = new Float64Array(count);
  const cEnd = new Float64Array(count);
  const reasons = new Map<number, string>();
  const hostOffset = new Float64Array(hostNames.length);
  const hostSettled = new Uint8Array(hostNames.length);
  const crossTrace = options.hostOffsets && options.hostOffsets.length > 0 ? indexHostOffsets(options.hostOffsets) : undefined;

  for (let k = 0; k < count; k++) {
    const i = tree.order[k]!;
    const p = tree.parent[i]!;
    let off = 0;
    if (p < 0) {
      if (hostSettled[host[i]!]) off = hostOffset[host[i]!]!;
    } else if (host[i] === host[p]) {
      off = offset[p]!;
      if (off !== 0) reasons.set(i, `same host as parent ${spans[p]!.spanId}: moved with it`);
    } else {
      off = baseOffset(i, p);
      if (!isDetached(table, p, i)) {
        const s = start[i]! + off;
        const e = end[i]! + off;
        const ps = cStart[p]!;
        const pe = cEnd[p]!;
        if (s < ps || e > pe) {
          const duration = e - s;
          const room = pe - ps;
          if (duration <= room && !table.unfinished[i]) {
            off += ps + Math.floor((room - duration) / 2) - s;
            reasons.set(i, `did not fit inside parent ${spans[p]!.spanId} on another host: centred, leftover split as network latency`);
          } else if (s < ps) {
            off += ps - s;
            reasons.set(i, `longer than parent ${spans[p]!.spanId} on another host and started before it: moved to its start`);
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
  return { offset, start: cStart, end: cEnd, reasons };

  function baseOffset(i: number, p: number): number {
    const h = host[i]!;
    if (hostSettled[h]) {
      const settled = hostOffset[h]!;
      if (settled !== 0) reasons.set(i, `host ${hostNames[h]} already shifted by ${settled} ns in this trace`);
      return settled;
    }
    if (!crossTrace) return 0;
    const theta = offsetBetween(crossTrace, hostNames[host[p]!]!, hostNames[h]!);
    const estimate = crossTrace.get(`${hostNames[host[p]!]}\u0000${hostNames[h]}`);
    // Only a significant, consistent estimate is applied: within its error bound zero is as good a guess.
    if (theta === undefined || !estimate?.consistent || Math.abs(theta) <= estimate.errorBoundNs) return 0;
    reasons.set(i, `cross-trace estimate: ${hostNames[h]} is ${theta} ns off ${hostNames[host[p]!]}`);
    return offset[p]! - theta;
  }
}
