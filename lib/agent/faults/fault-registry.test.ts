import { describe, expect, it } from 'vitest';
import { FaultRegistry, type FaultEntry, type RevertReason } from './fault-registry';

function entry(id: string, expiresInMs: number, reverted: string[]): FaultEntry {
  return { id, kind: 'http', route: 'r', type: 'latency', expiresAt: Date.now() + expiresInMs, revert: () => reverted.push(id), view: () => ({ id }) };
}

describe('FaultRegistry', () => {
  it('reverts a fault at its deadline and everything on revertAll', async () => {
    const reverted: string[] = [];
    const reasons: RevertReason[] = [];
    const registry = new FaultRegistry((_, reason) => reasons.push(reason));
    registry.add(entry('soon', 20, reverted));
    registry.add(entry('later', 60_000, reverted));
    registry.add(entry('also-later', 60_000, reverted));
    await new Promise((r) => setTimeout(r, 80));
    expect(reverted).toEqual(['soon']);
    expect(registry.revertAll('halt')).toBe(2);
    expect(reverted.sort()).toEqual(['also-later', 'later', 'soon']);
    expect(reasons).toEqual(['deadline', 'halt', 'halt']);
    expect(registry.list()).toEqual([]);
    expect(registry.revert('later', 'deleted')).toBe(false);
  });

  it('keeps reverting when one revert throws', () => {
    const reverted: string[] = [];
    const registry = new FaultRegistry();
    registry.add({
      ...entry('bad', 60_000, reverted),
      revert: () => {
        throw new Error('boom');
      },
    });
    registry.add(entry('good', 60_000, reverted));
    const original = console.error;
    console.error = () => {};
    try {
      expect(registry.revertAll('halt')).toBe(2);
    } finally {
      console.error = original;
    }
    expect(reverted).toEqual(['good']);
  });
});
