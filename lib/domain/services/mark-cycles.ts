// Marks the nodes and edges of a service graph that lie on cycles (same strongly connected component, or a
// self-call) and lists one closed path per cyclic component.
import { adjacency, findCycles, stronglyConnectedComponents } from '../graph/strongly-connected';

export interface CycleMarks {
  componentOf: Map<string, number>;
  cyclicComponents: Set<number>;
  cycles: string[][];
  /** Members of each cyclic component, sorted, in the order of `cycles` (one cycle per component). */
  groups: string[][];
}

export function markCycles(nodes: readonly string[], edges: ReadonlyArray<{ parent: string; child: string }>): CycleMarks {
  const adj = adjacency(
    nodes,
    edges.map((e) => ({ from: e.parent, to: e.child })),
  );
  const componentOf = new Map<string, number>();
  const cyclicComponents = new Set<number>();
  stronglyConnectedComponents(adj).forEach((component, i) => {
    for (const n of component) componentOf.set(n, i);
    const only = component[0] as string;
    if (component.length > 1 || (adj.get(only) ?? []).includes(only)) cyclicComponents.add(i);
  });
  const cycles = findCycles(adj);
  const members = new Map<number, string[]>();
  for (const [service, c] of componentOf) if (cyclicComponents.has(c)) members.set(c, [...(members.get(c) ?? []), service]);
  const groups = cycles.map((cycle) => [...(members.get(componentOf.get(cycle[0] as string) as number) ?? [])].sort());
  return { componentOf, cyclicComponents, cycles, groups };
}

export function edgeInCycle(marks: CycleMarks, parent: string, child: string): boolean {
  const c = marks.componentOf.get(parent);
  return c !== undefined && c === marks.componentOf.get(child) && marks.cyclicComponents.has(c);
}

export function nodeInCycle(marks: CycleMarks, service: string): boolean {
  const c = marks.componentOf.get(service);
  return c !== undefined && marks.cyclicComponents.has(c);
}
