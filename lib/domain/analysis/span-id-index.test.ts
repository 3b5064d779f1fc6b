import { describe, expect, it } from 'vitest';
import { indexSpanIds } from './span-id-index';

const index = (ids: string[]) => indexSpanIds((i) => ids[i]!, ids.length);

describe('span id index', () => {
  it('finds hex ids by value, the first span of a repeated id, and lists the later copies', () => {
    const ids = ['00000000000000a1', 'ffffffffffffffff', '00000000000000a1', '8000000000000000', 'ffffffffffffffff'];
    const idx = index(ids);
    expect([idx.get('00000000000000a1'), idx.get('ffffffffffffffff'), idx.get('8000000000000000')]).toEqual([0, 1, 3]);
    expect(idx.duplicates).toEqual([2, 4]);
    expect(idx.size).toBe(3);
    // Not stored, and never equal to a stored id by a looser rule (case, length, non-hex).
    for (const missing of ['00000000000000a2', '00000000000000A1', '0000000000000a1', '', 'zzzzzzzzzzzzzzzz']) expect(idx.get(missing), missing).toBe(-1);
  });

  it('keeps exact string matching when some id is not 16 lowercase hex characters', () => {
    const idx = index(['s0', 'ABCDEF0123456789', 's0', 'abcdef0123456789']);
    expect([idx.get('s0'), idx.get('ABCDEF0123456789'), idx.get('abcdef0123456789'), idx.get('s1')]).toEqual([0, 1, 3, -1]);
    expect(idx.duplicates).toEqual([2]);
  });

  it('resolves 100k sequential ids', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => (i + 1).toString(16).padStart(16, '0'));
    const idx = index(ids);
    expect(ids.every((id, i) => idx.get(id) === i)).toBe(true);
    expect(idx.duplicates).toEqual([]);
  });
});
