import { describe, expect, it } from 'vitest';
import { seededRandom } from '@/test/support/seeded-random';
import { resolveParentsByWords } from './resolve-parents-by-words';
import { resolveParents } from './trace-tree';

function words(ids: (string | null)[]): { words: Uint32Array; present: Uint8Array } {
  const w = new Uint32Array(ids.length * 2);
  const present = new Uint8Array(ids.length);
  ids.forEach((id, i) => {
    if (id === null) return;
    present[i] = 1;
    w[i * 2] = parseInt(id.slice(0, 8), 16);
    w[i * 2 + 1] = parseInt(id.slice(8), 16);
  });
  return { words: w, present };
}

function resolveBoth(spanIds: string[], parentIds: (string | null)[]) {
  const byWords = resolveParentsByWords(words(spanIds).words, words(parentIds).words, words(parentIds).present);
  return { byWords, byStrings: resolveParents({ spanIds, parentSpanIds: parentIds, start: new Float64Array(spanIds.length) }) };
}

const hex = (n: number) => n.toString(16).padStart(16, '0');

describe('resolveParentsByWords', () => {
  it('finds parents, hangs self-parents and unknown parents under one placeholder per missing id', () => {
    const spanIds = [hex(1), hex(2), hex(3), hex(4), 'ffffffff00000001'];
    const parents = [null, hex(1), hex(3), 'deadbeef00000000', 'deadbeef00000000'];
    const { byWords } = resolveBoth(spanIds, parents);
    expect(byWords.missingParentIds).toEqual([hex(3), 'deadbeef00000000']);
    expect(Array.from(byWords.parentOfSpan)).toEqual([-1, 0, 5, 6, 6]);
  });

  it('agrees with the string resolution on random traces with duplicates and high-bit ids', () => {
    const random = seededRandom(42);
    for (let round = 0; round < 20; round++) {
      const n = 1 + Math.floor(random() * 3000);
      const spanIds = Array.from({ length: n }, () => {
        // Small id space on purpose: duplicates and sibling collisions in the hash table.
        const hi = random() < 0.5 ? 0 : Math.floor(random() * 4) * 0x40000000;
        return (
          (hi >>> 0).toString(16).padStart(8, '0') +
          Math.floor(random() * n * 1.5)
            .toString(16)
            .padStart(8, '0')
        );
      });
      const parents = spanIds.map(() => {
        const r = random();
        if (r < 0.05) return null;
        if (r < 0.1)
          return `ffff${Math.floor(random() * 50)
            .toString(16)
            .padStart(12, '0')}`;
        return spanIds[Math.floor(random() * n)]!;
      });
      const { byWords, byStrings } = resolveBoth(spanIds, parents);
      expect(Array.from(byWords.parentOfSpan)).toEqual(Array.from(byStrings.parentOfSpan));
      expect(byWords.missingParentIds).toEqual(byStrings.missingParentIds);
    }
  });
});
