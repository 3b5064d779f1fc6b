// The order of a trace's spans in GET /api/traces/{id} (start, then span id), computed on a skeleton's columns:
// every /compare analysis input built from a skeleton (spans-from-skeleton.ts, trace-shape-from-skeleton.ts) uses it,
// so both put span k at the same position and the diff's tie-breaks (first of duplicate ids, first root of
// equal length) come out the same as from the JSON.
import type { SkeletonColumns } from '../waterfall/skeleton-columns';

/** order[k] = the skeleton index of the k-th span in payload order. */
export function skeletonSpanOrder(skeleton: SkeletonColumns): Int32Array {
  const n = skeleton.count;
  const { start, spanIdWords } = skeleton;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Stable order of the JSON payload: start, then span id (bytea order = the id words' unsigned order).
  order.sort((x, y) => start[x]! - start[y]! || spanIdWords[x * 2]! - spanIdWords[y * 2]! || spanIdWords[x * 2 + 1]! - spanIdWords[y * 2 + 1]!);
  return order;
}

/** The skeleton's own order (the trace page analyses its spans by skeleton index): order[k] = k. */
export function identitySpanOrder(count: number): Int32Array {
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  return order;
}
