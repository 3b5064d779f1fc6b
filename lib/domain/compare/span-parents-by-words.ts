// The span tree's parent links (SpanParents, span-tree.ts) from a skeleton's 32-bit id words instead of hex
// id strings: no 100k id strings to build and hash again per trace (span-id-index.ts). Same contract as the
// string path: a span id resolves to its first span in payload order, later spans with that id are
// duplicates, and a parent id nobody has makes an orphan.
import type { SpanParents } from '../analysis/span-tree';
import { WordTable } from '../waterfall/resolve-parents-by-words';
import type { SkeletonColumns } from '../waterfall/skeleton-columns';

/** Links of the spans in payload order: span k is the skeleton's span order[k]. */
export function spanParentsByWords(skeleton: SkeletonColumns, order: Int32Array): SpanParents {
  const count = order.length;
  const { spanIdWords, parentIdWords, hasParent } = skeleton;
  const byId = new WordTable(count);
  const duplicates: number[] = [];
  for (let k = 0; k < count; k++) {
    const i = order[k]!;
    const hi = spanIdWords[i * 2]!;
    const lo = spanIdWords[i * 2 + 1]!;
    // WordTable keeps the last value set; the tree wants the first span with an id.
    if (byId.get(hi, lo) >= 0) duplicates.push(k);
    else byId.set(hi, lo, k);
  }
  const parent = new Int32Array(count).fill(-1);
  const hasParentId = new Uint8Array(count);
  const orphans: number[] = [];
  for (let k = 0; k < count; k++) {
    const i = order[k]!;
    if (!hasParent[i]) continue;
    hasParentId[k] = 1;
    const p = byId.get(parentIdWords[i * 2]!, parentIdWords[i * 2 + 1]!);
    if (p < 0) orphans.push(k);
    else parent[k] = p;
  }
  return { parent, orphans, duplicates, hasParentId };
}
