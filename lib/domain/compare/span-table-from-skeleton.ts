// The analysis engine's SpanTable (span-table.ts) filled straight from a skeleton's columns, in a given order of
// its spans, with the values buildSpanTable gives for the span objects the columns stand for: /compare's
// (spansFromSkeleton, payload order, skeleton-span-order.ts) or the trace page's (toAnalysisSpans in
// waterfall/build-waterfall.ts, skeleton order, identitySpanOrder). The skeleton's times are already doubles
// relative to its base, so no bigint per span is needed to get back to relative doubles, and services and
// clocks are interned once per resource instead of once per span. table.spans holds SkeletonSpanViews, which
// read their remaining fields from the columns only if something asks.
import { ClockKeyCache } from '../analysis/clock-key-cache';
import { resolutionOfNanosWithinMs } from '../analysis/clock-resolution';
import { intern, type SpanTable } from '../analysis/span-table';
import type { HostIdentity } from '../model/span';
import { StatusCode } from '../model/span';
import type { SkeletonColumns } from '../waterfall/skeleton-columns';
import type { InterestByIdWords } from './interest-by-id-words';
import { COMPARE_SPAN_DEFAULTS, SkeletonSpanView, type SkeletonSpanDefaults, type SkeletonSpanSource } from './skeleton-span-view';

// A module constant: under the CommonJS interop of tsx/vitest every `StatusCode.X` in a hot loop is a getter call.
const ERROR = StatusCode.ERROR;
const NO_HOST: HostIdentity = { id: null, name: null, ip: null, serviceInstanceId: null };

/**
 * Span k of the table is the skeleton's span order[k] (skeletonSpanOrder, identitySpanOrder); `interest` joins
 * the attributes of interest (interest-by-id-words.ts); `defaults` says what the columns leave out.
 */
export function spanTableFromSkeleton(skeleton: SkeletonColumns, order: Int32Array, interest: InterestByIdWords, defaults: SkeletonSpanDefaults = COMPARE_SPAN_DEFAULTS): SpanTable {
  const count = order.length;
  const rawStart = skeleton.start;
  const rawEnd = skeleton.end;
  const skeletonBase = BigInt(skeleton.baseUnixNano);
  // The only relative end whose unix end is 0n; exact whenever such an end exists (it is then a double).
  const endAtZero = -Number(skeletonBase);
  // The table's base is the earliest start (buildSpanTable); relative starts are whole nanoseconds, so the
  // differences below are the exact ones buildSpanTable computes as bigints.
  let earliest = count > 0 ? rawStart[order[0]!]! : 0;
  for (let k = 1; k < count; k++) if (rawStart[order[k]!]! < earliest) earliest = rawStart[order[k]!]!;
  const base = count > 0 ? skeletonBase + BigInt(earliest) : 0n;
  const baseMod = Number(base % 1_000_000n);
  const start = new Float64Array(count);
  const end = new Float64Array(count);
  const unfinished = new Uint8Array(count);
  const resolution = new Float64Array(count);
  const kind = new Uint8Array(count);
  const error = new Uint8Array(count);
  const host = new Int32Array(count);
  const service = new Int32Array(count);
  const serviceNames: string[] = [];
  const serviceIds = new Map<string, number>();
  const clocks = new ClockKeyCache();
  // Per resource index: its service and clock ids, interned the first time a span of it comes up in payload
  // order, so the ids are numbered as buildSpanTable numbers them span by span.
  const resourceService = new Int32Array(skeleton.resources.length).fill(-1);
  const resourceHost = new Int32Array(skeleton.resources.length);
  const source: SkeletonSpanSource = { columns: skeleton, baseUnixNano: skeletonBase, defaults };
  const noService = defaults.serviceName;
  const spans = new Array<SkeletonSpanView>(count);
  const { spanIdWords, statusCode, resourceIndex } = skeleton;
  let maxEnd = 0;
  for (let k = 0; k < count; k++) {
    const i = order[k]!;
    const s = rawStart[i]! - earliest;
    start[k] = s;
    resolution[k] = resolutionOfNanosWithinMs((s + baseMod) % 1_000_000);
    const e = rawEnd[i]!;
    // buildSpanTable: an end of 0n (unix) or before the start is unfinished.
    if (e < rawStart[i]! || (e === endAtZero && skeletonBase + BigInt(e) === 0n)) {
      unfinished[k] = 1;
      end[k] = s;
    } else {
      const relative = e - earliest;
      end[k] = relative;
      if (relative > maxEnd) maxEnd = relative;
    }
    kind[k] = skeleton.kind[i]!;
    error[k] = statusCode[i] === ERROR ? 1 : 0;
    const r = resourceIndex[i]!;
    if (r >= 0 && r < resourceService.length) {
      if (resourceService[r]! < 0) {
        const resource = skeleton.resources[r]!;
        // `?? ` as the span objects: hand-built columns may leave them out.
        const serviceName = resource.serviceName ?? noService;
        resourceService[r] = intern(serviceIds, serviceNames, serviceName);
        resourceHost[r] = clocks.idOf(resource.host ?? NO_HOST, serviceName);
      }
      service[k] = resourceService[r]!;
      host[k] = resourceHost[r]!;
    } else {
      // No such resource (only hand-built columns): as the span objects, the default service and no host.
      service[k] = intern(serviceIds, serviceNames, noService);
      host[k] = clocks.idOf(NO_HOST, noService);
    }
    spans[k] = new SkeletonSpanView(source, i, interest.at(spanIdWords[i * 2]!, spanIdWords[i * 2 + 1]!, rawStart[i]!) ?? defaults.attributes);
  }
  for (let k = 0; k < count; k++) if (unfinished[k] && end[k]! < maxEnd) end[k] = maxEnd;
  return { count, spans, baseUnixNano: base, start, end, unfinished, resolution, kind, error, host, hostNames: clocks.names, service, serviceNames };
}
