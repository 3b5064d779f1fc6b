// The span tree of one trace, built once in O(n). Invariants:
// - parent[i] is the index of i's parent, or -1 for a root (no parent id), an orphan (parent id not in the
//   trace) or a span whose parent link was cut to break a parent-id cycle; every span is kept;
// - a duplicated span id resolves to its first occurrence; later copies stay in the tree as ordinary spans;
// - children are stored as CSR (childOffsets/childList) in input order;
// - `order` lists every span exactly once, parents before children (breadth-first from the roots), so
//   top-down passes iterate it forwards and bottom-up passes backwards, with no recursion;
// - with `transparent` flags (agent hops, agent-hops.ts), a span under a transparent span is attached to the
//   first ancestor above it, and transparent spans stay leaves of their own parent, listed in `order` after
//   every other span: a top-down pass treats the others exactly as if the transparent spans were absent.
import { indexSpanIds } from './span-id-index';
import type { SpanTable } from './span-table';

export interface SpanTree {
  parent: Int32Array;
  childOffsets: Int32Array;
  childList: Int32Array;
  order: Int32Array;
  depth: Int32Array;
  roots: number[];
  /** The root the trace is "about": the longest true root, else the longest of any root. -1 when empty. */
  primaryRoot: number;
  /** Spans with a parent id that is not in the trace. */
  orphans: number[];
  /** Spans whose parent link was cut because following parent ids led back to them. */
  cycleBreaks: number[];
  /** Later spans whose span id was already used by an earlier span. */
  duplicates: number[];
}

/** Each span's resolved parent link, however the ids were matched (hex strings here, id words elsewhere). */
export interface SpanParents {
  /** Index of the first span with the parent's id, or -1 (no parent id, or an id not in the trace). */
  parent: Int32Array;
  /** Spans with a parent id that is not in the trace, ascending. */
  orphans: number[];
  /** Later spans whose span id was already used by an earlier span, ascending. */
  duplicates: number[];
  /** 1 where the span names a parent at all: a root without one is a true root (pickPrimaryRoot). */
  hasParentId: Uint8Array;
}

export function buildSpanTree(table: SpanTable, transparent?: Uint8Array): SpanTree {
  return spanTreeFromParents(table, parentsByIds(table), transparent);
}

function parentsByIds(table: SpanTable): SpanParents {
  const { count, spans } = table;
  // The id lookup is the costliest step of building the tree (span-id-index.ts).
  const indexById = indexSpanIds((i) => spans[i]!.spanId, count);
  const parent = new Int32Array(count).fill(-1);
  const hasParentId = new Uint8Array(count);
  const orphans: number[] = [];
  for (let i = 0; i < count; i++) {
    const parentId = spans[i]!.parentSpanId;
    if (!parentId) continue;
    hasParentId[i] = 1;
    const p = indexById.get(parentId);
    if (p < 0) orphans.push(i);
    else parent[i] = p;
  }
  return { parent, orphans, duplicates: indexById.duplicates, hasParentId };
}

/** The tree from resolved parent links; `links.parent` is taken over (cycle breaking cuts links in it). */
export function spanTreeFromParents(table: SpanTable, links: SpanParents, transparent?: Uint8Array): SpanTree {
  const { count } = table;
  const { parent, orphans, duplicates, hasParentId } = links;
  if (transparent) skipTransparent(parent, transparent);
  const cycleBreaks = breakParentCycles(parent);
  const childOffsets = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) if (parent[i]! >= 0) childOffsets[parent[i]! + 1]!++;
  for (let i = 0; i < count; i++) childOffsets[i + 1]! += childOffsets[i]!;
  const childList = new Int32Array(Math.max(childOffsets[count]!, 0));
  const fill = childOffsets.slice(0, count);
  for (let i = 0; i < count; i++) if (parent[i]! >= 0) childList[fill[parent[i]!]!++] = i;

  const roots: number[] = [];
  for (let i = 0; i < count; i++) if (parent[i] === -1) roots.push(i);
  const order = new Int32Array(count);
  const depth = new Int32Array(count);
  // Breadth-first; transparent spans (only ever leaves or chains of transparent spans) are queued apart and
  // walked after everything else.
  const deferred: number[] = [];
  let tail = 0;
  for (const r of roots) {
    if (transparent?.[r]) deferred.push(r);
    else order[tail++] = r;
  }
  const walk = (head: number): void => {
    for (; head < tail; head++) {
      const node = order[head]!;
      for (let c = childOffsets[node]!; c < childOffsets[node + 1]!; c++) {
        const child = childList[c]!;
        depth[child] = depth[node]! + 1;
        if (transparent?.[child] && !transparent[node]) deferred.push(child);
        else order[tail++] = child;
      }
    }
  };
  walk(0);
  const main = tail;
  for (const d of deferred) order[tail++] = d;
  walk(main);
  const opaqueRoots = transparent ? roots.filter((r) => !transparent[r]) : roots;
  const primaryRoot = pickPrimaryRoot(table, hasParentId, opaqueRoots.length > 0 ? opaqueRoots : roots);
  return { parent, childOffsets, childList, order, depth, roots, primaryRoot, orphans, cycleBreaks, duplicates };
}

// A span whose parent is transparent gets the first non-transparent ancestor instead (-1 at the top); the
// walk is bounded by the trace's size, so a loop of transparent spans ends (the cycle pass cuts it after).
function skipTransparent(parent: Int32Array, transparent: Uint8Array): void {
  for (let i = 0; i < parent.length; i++) {
    if (transparent[i]) continue;
    let p = parent[i]!;
    for (let guard = 0; p >= 0 && transparent[p] && guard < parent.length; guard++) p = parent[p]!;
    parent[i] = p >= 0 && transparent[p] ? -1 : p;
  }
}

// Walks up from each unvisited span marking the path; meeting a span already on the current path means
// the parent ids loop, and the link into that span is cut. Each span is visited once: O(n), never hangs.
function breakParentCycles(parent: Int32Array): number[] {
  const UNSEEN = 0;
  const ON_PATH = 1;
  const DONE = 2;
  const state = new Uint8Array(parent.length);
  const cuts: number[] = [];
  const path: number[] = [];
  for (let i = 0; i < parent.length; i++) {
    if (state[i] !== UNSEEN) continue;
    let x = i;
    while (x !== -1 && state[x] === UNSEEN) {
      state[x] = ON_PATH;
      path.push(x);
      x = parent[x]!;
    }
    if (x !== -1 && state[x] === ON_PATH) {
      parent[x] = -1;
      cuts.push(x);
    }
    for (const node of path) state[node] = DONE;
    path.length = 0;
  }
  return cuts;
}

function pickPrimaryRoot(table: SpanTable, hasParentId: Uint8Array, roots: readonly number[]): number {
  let best = -1;
  let bestTrue = false;
  for (const r of roots) {
    const isTrue = hasParentId[r] === 0;
    if (best === -1 || (isTrue && !bestTrue) || (isTrue === bestTrue && longer(table, r, best))) {
      best = r;
      bestTrue = isTrue;
    }
  }
  return best;
}

function longer(table: SpanTable, a: number, b: number): boolean {
  const da = table.end[a]! - table.start[a]!;
  const db = table.end[b]! - table.start[b]!;
  return da > db || (da === db && table.start[a]! < table.start[b]!);
}
