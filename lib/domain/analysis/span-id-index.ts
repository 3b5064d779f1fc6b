// Span id → index of the first span with that id, for buildSpanTree. Stored and OTLP span ids are 16
// lowercase hex characters; those are read as two 32-bit words into an open-addressing table in typed arrays.
// A string-keyed Map over 100k ids was the costliest step of building the tree (hashing and growing a Map of
// 100k strings, ~0.15 s per trace in a pair diff). Any other id (tests, hand-written files) sends the whole
// trace through a Map instead: the two never mix, so equal strings and only equal strings match.

export interface SpanIdIndex {
  /** Index of the first span with this id, or -1. */
  get(spanId: string): number;
  /** Later spans whose id an earlier span already had, ascending. */
  duplicates: number[];
  size: number;
}

export function indexSpanIds(spanIds: (i: number) => string, count: number): SpanIdIndex {
  return wordIndex(spanIds, count) ?? mapIndex(spanIds, count);
}

function mapIndex(spanIds: (i: number) => string, count: number): SpanIdIndex {
  // Filled backwards so the first span with an id wins without a has() per span; duplicates are only
  // searched for when the map came out smaller than the input.
  const byId = new Map<string, number>();
  for (let i = count - 1; i >= 0; i--) byId.set(spanIds(i), i);
  const duplicates: number[] = [];
  if (byId.size < count) for (let i = 0; i < count; i++) if (byId.get(spanIds(i)) !== i) duplicates.push(i);
  return { get: (id) => byId.get(id) ?? -1, duplicates, size: byId.size };
}

/** Null when some id is not 16 lowercase hex characters. */
function wordIndex(spanIds: (i: number) => string, count: number): SpanIdIndex | null {
  let capacity = 16;
  while (capacity < count * 2) capacity *= 2;
  const mask = capacity - 1;
  const keys = new Int32Array(capacity * 2);
  const values = new Int32Array(capacity).fill(-1);
  const duplicates: number[] = [];
  for (let i = 0; i < count; i++) {
    const id = spanIds(i);
    if (id.length !== 16) return null;
    const hi = hexWord(id, 0);
    const lo = hexWord(id, 8);
    if (hi === null || lo === null) return null;
    let slot = hash(hi, lo) & mask;
    for (; values[slot]! >= 0; slot = (slot + 1) & mask) if (keys[slot * 2] === hi && keys[slot * 2 + 1] === lo) break;
    if (values[slot]! >= 0) duplicates.push(i);
    else {
      keys[slot * 2] = hi;
      keys[slot * 2 + 1] = lo;
      values[slot] = i;
    }
  }
  const get = (id: string): number => {
    if (id.length !== 16) return -1;
    const hi = hexWord(id, 0);
    const lo = hexWord(id, 8);
    if (hi === null || lo === null) return -1;
    for (let slot = hash(hi, lo) & mask; ; slot = (slot + 1) & mask) {
      const v = values[slot]!;
      if (v < 0 || (keys[slot * 2] === hi && keys[slot * 2 + 1] === lo)) return v;
    }
  };
  return { get, duplicates, size: count - duplicates.length };
}

/** Eight lowercase hex characters from `at` as a signed 32-bit word, or null for any other character. */
function hexWord(id: string, at: number): number | null {
  let word = 0;
  for (let k = at; k < at + 8; k++) {
    const c = id.charCodeAt(k);
    const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (digit < 0) return null;
    word = (word << 4) | digit;
  }
  return word;
}

function hash(hi: number, lo: number): number {
  // Span ids are random in production but sequential in some SDKs and tests: mix both words.
  let h = Math.imul(hi ^ 0x9e3779b9, 0x85ebca6b) ^ lo;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  return (h ^ (h >>> 15)) >>> 0;
}
