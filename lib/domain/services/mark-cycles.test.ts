import { describe, expect, it } from 'vitest';
import { edgeInCycle, markCycles, nodeInCycle } from './mark-cycles';

describe('markCycles', () => {
  //  gateway → cart → inventory → cart      gateway → payment → ledger → fraud → payment
  const edges = [
    { parent: 'gateway', child: 'cart' },
    { parent: 'cart', child: 'inventory' },
    { parent: 'inventory', child: 'cart' },
    { parent: 'gateway', child: 'payment' },
    { parent: 'payment', child: 'ledger' },
    { parent: 'ledger', child: 'fraud' },
    { parent: 'fraud', child: 'payment' },
  ];
  const marks = markCycles(['gateway', 'cart', 'inventory', 'payment', 'ledger', 'fraud', 'email'], edges);

  it('lists one cycle and the member group per cyclic component', () => {
    expect(marks.cycles).toEqual([
      ['cart', 'inventory', 'cart'],
      ['fraud', 'payment', 'ledger', 'fraud'],
    ]);
    expect(marks.groups).toEqual([
      ['cart', 'inventory'],
      ['fraud', 'ledger', 'payment'],
    ]);
  });

  it('marks nodes and edges on cycles only', () => {
    expect(['gateway', 'cart', 'payment', 'email'].map((s) => nodeInCycle(marks, s))).toEqual([false, true, true, false]);
    expect(edgeInCycle(marks, 'gateway', 'cart')).toBe(false);
    expect(edgeInCycle(marks, 'inventory', 'cart')).toBe(true);
    expect(edgeInCycle(marks, 'cart', 'payment')).toBe(false);
  });
});
