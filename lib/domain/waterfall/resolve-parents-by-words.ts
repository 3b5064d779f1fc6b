// Resolves each span's parent from 64-bit ids held as 32-bit word pairs (SkeletonColumns), with an
// open-addressing hash table in typed arrays: a string-keyed Map over 500k hex ids cost ~0.3 s and 500k
// strings; this is one pass of integer work. Same contract as trace-tree.ts' string resolution: a span naming
// itself or an id nobody has is hung under a "missing parent" placeholder, one per distinct missing id.
import type { ResolvedParents } from './trace-tree';
import { wordsToHex } from './skeleton-columns';

export function resolveParentsByWords(spanIdWords: Uint32Array, parentIdWords: Uint32Array, hasParent: Uint8Array): ResolvedParents {
  const n = hasParent.length;
  const spans = new WordTable(n);
  // Duplicate span ids: the last span with an id is the parent its children hang under (as in trace-tree.ts).
  for (let i = 0; i < n; i++) spans.set(spanIdWords[i * 2]!, spanIdWords[i * 2 + 1]!, i);
  const missing = new WordTable(16);
  const missingParentIds: string[] = [];
  const parentOfSpan = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (!hasParent[i]) {
      parentOfSpan[i] = -1;
      continue;
    }
    const hi = parentIdWords[i * 2]!;
    const lo = parentIdWords[i * 2 + 1]!;
    const p = spans.get(hi, lo);
    if (p >= 0 && p !== i) {
      parentOfSpan[i] = p;
      continue;
    }
    let k = missing.get(hi, lo);
    if (k < 0) {
      k = missingParentIds.push(wordsToHex(hi, lo)) - 1;
      missing.set(hi, lo, k);
    }
    parentOfSpan[i] = n + k;
  }
  return { parentOfSpan, missingParentIds };
}

/** (hi, lo) → non-negative value; linear probing, grows at half full. */
export class WordTable {
  private keys: Uint32Array;
  private values: Int32Array;
  private mask: number;
  private size = 0;

  constructor(expected: number) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Uint32Array(capacity * 2);
    this.values = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
  }

  get(hi: number, lo: number): number {
    for (let slot = hash(hi, lo) & this.mask; ; slot = (slot + 1) & this.mask) {
      const v = this.values[slot]!;
      if (v < 0) return -1;
      if (this.keys[slot * 2] === hi && this.keys[slot * 2 + 1] === lo) return v;
    }
  }

  set(hi: number, lo: number, value: number): void {
    if ((this.size + 1) * 2 > this.values.length) this.grow();
    for (let slot = hash(hi, lo) & this.mask; ; slot = (slot + 1) & this.mask) {
      if (this.values[slot]! < 0) {
        this.keys[slot * 2] = hi;
        this.keys[slot * 2 + 1] = lo;
        this.values[slot] = value;
        this.size++;
        return;
      }
      if (this.keys[slot * 2] === hi && this.keys[slot * 2 + 1] === lo) {
        this.values[slot] = value;
        return;
      }
    }
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    this.keys = new Uint32Array(keys.length * 2);
    this.values = new Int32Array(values.length * 2).fill(-1);
    this.mask = this.values.length - 1;
    this.size = 0;
    for (let slot = 0; slot < values.length; slot++) if (values[slot]! >= 0) this.set(keys[slot * 2]!, keys[slot * 2 + 1]!, values[slot]!);
  }
}

function hash(hi: number, lo: number): number {
  // Span ids are random in production but sequential in some SDKs and tests: mix both words.
  let h = Math.imul(hi ^ 0x9e3779b9, 0x85ebca6b) ^ lo;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  return (h ^ (h >>> 15)) >>> 0;
}
