// Find in trace, in the worker, without a text copy of every span: what the skeleton holds (name, service,
// span id, status message) is matched here in one pass over interned tables; attribute matches of a stored
// trace come from the server as span ids (GET /api/traces/{id}/find) and are marked through markSpanIds.
// A trace opened from a file has its attributes in the worker (store.full) and is matched whole here.
import { attributesMatch } from './attribute-find';
import type { TraceStore } from './build-waterfall';
import { WordTable } from './resolve-parents-by-words';

/** Marks (1) the nodes whose skeleton fields, or attributes when the store holds them, contain `q` (findQueryText). */
export function skeletonMatchMask(store: TraceStore, q: string): Uint8Array {
  const skeleton = store.skeleton;
  const mask = new Uint8Array(store.raw.parent.length);
  if (q === '') return mask;
  const nameHit = Uint8Array.from(skeleton.names, (name) => (name.toLowerCase().includes(q) ? 1 : 0));
  const resourceHit = Uint8Array.from(skeleton.resources, (r) => (r.serviceName.toLowerCase().includes(q) ? 1 : 0));
  const n = skeleton.count;
  for (let i = 0; i < n; i++) {
    if (nameHit[skeleton.nameIndex[i]!] || resourceHit[skeleton.resourceIndex[i]!]) mask[i] = 1;
    else {
      const message = skeleton.statusMessage[i]!;
      if (message !== '' && message.toLowerCase().includes(q)) mask[i] = 1;
    }
  }
  // Span ids: one search over the concatenated lower-case hex, keeping hits inside one 16-character id.
  if (q.length <= 16) {
    const hex = skeleton.spanIdHex;
    for (let at = hex.indexOf(q); at >= 0; at = hex.indexOf(q, at + 1)) {
      if (at >> 4 === (at + q.length - 1) >> 4) mask[at >> 4] = 1;
    }
  }
  if (store.full && store.fullIndex) {
    for (let i = 0; i < n; i++) {
      if (mask[i]) continue;
      const at = store.fullIndex.get(skeleton.spanIdHex.slice(i * 16, i * 16 + 16));
      if (at !== undefined && attributesMatch(store.full.spans[at]![8], q)) mask[i] = 1;
    }
  }
  return mask;
}

/** Marks the spans with these ids (16 lower-case hex chars; unknown ids are ignored). */
export function markSpanIds(store: TraceStore, spanIds: readonly string[], mask: Uint8Array): void {
  const table = spanIdTable(store);
  for (const id of spanIds) {
    if (!/^[0-9a-f]{16}$/.test(id)) continue;
    const node = table.get(parseInt(id.slice(0, 8), 16), parseInt(id.slice(8), 16));
    if (node >= 0) mask[node] = 1;
  }
}

/** The marked nodes in pre-order (the order find steps through them). */
export function matchesInOrder(order: Int32Array, mask: Uint8Array): Int32Array {
  let count = 0;
  for (let p = 0; p < order.length; p++) count += mask[order[p]!]!;
  const out = new Int32Array(count);
  let k = 0;
  for (let p = 0; p < order.length; p++) if (mask[order[p]!]) out[k++] = order[p]!;
  return out;
}

/** Span id → span index, built on first use (12 MB at 500k spans, only once attribute matches arrive). */
function spanIdTable(store: TraceStore): WordTable {
  if (store.spanIdTable) return store.spanIdTable;
  const words = store.skeleton.spanIdWords;
  const table = new WordTable(store.skeleton.count);
  // The first span with a duplicated id wins: ids are unique in a well-formed trace.
  for (let i = store.skeleton.count - 1; i >= 0; i--) table.set(words[i * 2]!, words[i * 2 + 1]!, i);
  store.spanIdTable = table;
  return table;
}
