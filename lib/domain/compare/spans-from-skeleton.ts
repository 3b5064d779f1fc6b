// The binary skeleton of a stored trace (decoded, SkeletonColumns) plus its attributes of interest as the
// analysis engine's input: what the /compare page's worker diffs, instead of both traces' full JSON. Spans come
// out in the order of GET /api/traces/{id} (start, then span id) with the same fields a diff reads, so the
// document is the one GET /api/compare returns for the same traces.
import type { AnalysisSpan } from '../analysis/analysis-span';
import type { SpanRecord } from '../model/span';
import { parentIdAt, spanIdAt, type SkeletonColumns } from '../waterfall/skeleton-columns';
import type { TraceAttributesOfInterest } from './attributes-of-interest';
import { skeletonSpanOrder } from './skeleton-span-order';

const NO_HOST = { id: null, name: null, ip: null, serviceInstanceId: null };

export function spansFromSkeleton(skeleton: SkeletonColumns, interest: TraceAttributesOfInterest): AnalysisSpan[] {
  const n = skeleton.count;
  const { start } = skeleton;
  const order = skeletonSpanOrder(skeleton);
  // Few spans carry attributes of interest: index them by span id, matched on start too (ids may repeat).
  const attributesById = new Map<string, Array<[start: bigint, attributes: SpanRecord['attributes']]>>();
  for (const [spanId, startUnixNano, attributes] of interest.spans) {
    let list = attributesById.get(spanId);
    if (!list) attributesById.set(spanId, (list = []));
    list.push([BigInt(startUnixNano), attributes]);
  }
  const base = BigInt(skeleton.baseUnixNano);
  const spans = new Array<AnalysisSpan>(n);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const resource = skeleton.resources[skeleton.resourceIndex[i]!];
    const spanId = spanIdAt(skeleton, i);
    const startUnixNano = base + BigInt(start[i]!);
    const attributes = attributesById.size > 0 ? attributesById.get(spanId)?.find(([s]) => s === startUnixNano)?.[1] : undefined;
    spans[k] = {
      traceId: skeleton.traceId,
      spanId,
      parentSpanId: parentIdAt(skeleton, i),
      name: skeleton.names[skeleton.nameIndex[i]!]!,
      kind: skeleton.kind[i]! as SpanRecord['kind'],
      serviceName: resource?.serviceName ?? '',
      startTimeUnixNano: startUnixNano,
      endTimeUnixNano: base + BigInt(skeleton.end[i]!),
      statusCode: skeleton.statusCode[i]! as SpanRecord['statusCode'],
      statusMessage: skeleton.statusMessage[i]!,
      attributes,
      host: resource?.host ?? NO_HOST,
    };
  }
  return spans;
}
