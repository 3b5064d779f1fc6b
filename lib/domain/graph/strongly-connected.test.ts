import { describe, expect, it } from 'vitest';
import { adjacency, findCycles, stronglyConnectedComponents } from './strongly-connected';

const graph = (pairs: string) =>
  adjacency(
    [],
    pairs
      .split(' ')
      .filter(Boolean)
      .map((p) => {
        const [from, to] = p.split('>') as [string, string];
        return { from, to };
      }),
  );

describe('stronglyConnectedComponents', () => {
  it('finds components of a graph with two cycles and a tail', () => {
    //  gateway → cart ⇄ inventory      payment → fraud → ledger → payment      ledger → db
    const adj = graph('gateway>cart cart>inventory inventory>cart gateway>payment payment>fraud fraud>ledger ledger>payment ledger>db');
    const sets = stronglyConnectedComponents(adj).map((c) => [...c].sort().join(','));
    expect(sets.sort()).toEqual(['cart,inventory', 'db', 'fraud,ledger,payment', 'gateway'].sort());
  });

  it('handles a long chain without recursion limits', () => {
    const pairs = Array.from({ length: 20_000 }, (_, i) => `n${i}>n${i + 1}`).join(' ') + ' n20000>n0';
    const components = stronglyConnectedComponents(graph(pairs));
    expect(components).toHaveLength(1);
    expect(components[0]).toHaveLength(20_001);
  });
});

describe('findCycles', () => {
  it('lists one closed path per cyclic component, self-loops included, acyclic parts omitted', () => {
    const adj = graph('gateway>cart cart>inventory inventory>cart gateway>payment payment>fraud fraud>ledger ledger>payment retry>retry gateway>auth');
    expect(findCycles(adj)).toEqual([
      ['cart', 'inventory', 'cart'],
      ['fraud', 'ledger', 'payment', 'fraud'],
      ['retry', 'retry'],
    ]);
  });

  it('returns nothing for a DAG', () => {
    expect(findCycles(graph('a>b b>c a>c'))).toEqual([]);
  });
});
