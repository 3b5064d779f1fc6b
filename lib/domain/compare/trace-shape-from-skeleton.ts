// traceShape (trace-shape.ts) of a trace given as its binary skeleton plus its attributes of interest: what the
// /compare page's worker diffs. The same shape as traceShape(spansFromSkeleton(skeleton, interest)), built
// without the 100k span objects with hex ids and bigint times that path made and then took apart again: the
// table comes straight from the columns (span-table-from-skeleton.ts) and the tree's parents from the id
// words (span-parents-by-words.ts). lib/domain/compare/trace-shape-from-skeleton.test.ts holds them equal.
import { spanTreeFromParents } from '../analysis/span-tree';
import type { SkeletonColumns } from '../waterfall/skeleton-columns';
import type { TraceAttributesOfInterest } from './attributes-of-interest';
import { interestByIdWords } from './interest-by-id-words';
import { skeletonSpanOrder } from './skeleton-span-order';
import { spanParentsByWords } from './span-parents-by-words';
import { spanTableFromSkeleton } from './span-table-from-skeleton';
import { traceShapeOf, type TraceShape } from './trace-shape';

export function traceShapeFromSkeleton(skeleton: SkeletonColumns, interest: TraceAttributesOfInterest): TraceShape {
  const order = skeletonSpanOrder(skeleton);
  const table = spanTableFromSkeleton(skeleton, order, interestByIdWords(interest, BigInt(skeleton.baseUnixNano)));
  return traceShapeOf(table, spanTreeFromParents(table, spanParentsByWords(skeleton, order)));
}
