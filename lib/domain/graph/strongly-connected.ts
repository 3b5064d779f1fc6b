// Strongly connected components (Tarjan, iterative so deep graphs cannot overflow the stack) and one
// representative cycle per component. Pure; nodes are strings, edges directed.
//
// A "cyclic" component is one with 2+ nodes, or a single node with a self-loop. Components are returned in
// reverse topological order (Tarjan's natural order); nodes inside a component in discovery order.
export interface DirectedEdge {
  from: string;
  to: string;
}

export function adjacency(nodes: Iterable<string>, edges: readonly DirectedEdge[]): Map<string, string[]> {
  const adj = new Map<string, string[]>();
  for (const n of nodes) adj.set(n, []);
  for (const e of edges) {
    if (!adj.has(e.from)) adj.set(e.from, []);
    if (!adj.has(e.to)) adj.set(e.to, []);
    (adj.get(e.from) as string[]).push(e.to);
  }
  return adj;
}

export function stronglyConnectedComponents(adj: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of adj.keys()) {
    if (index.has(root)) continue;
    // Each frame: node and the position of the next neighbour to visit.
    const frames: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as { node: string; next: number };
      const neighbours = adj.get(frame.node) ?? [];
      if (frame.next < neighbours.length) {
        const w = neighbours[frame.next++] as string;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          frames.push({ node: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(w) as number));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop() as string;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.node);
        components.push(component.reverse());
      }
    }
  }
  return components;
}

/**
 * One cycle per cyclic component, as a closed path [a, b, ..., a] starting at the component's
 * alphabetically first node: a shortest path (BFS inside the component) from that node back to itself.
 */
export function findCycles(adj: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  for (const component of stronglyConnectedComponents(adj)) {
    const members = new Set(component);
    const start = [...component].sort()[0] as string;
    if (component.length === 1 && !(adj.get(start) ?? []).includes(start)) continue;
    const previous = new Map<string, string>();
    const queue = [start];
    let closing: string | null = null;
    while (queue.length > 0 && closing === null) {
      const node = queue.shift() as string;
      for (const next of adj.get(node) ?? []) {
        if (!members.has(next)) continue;
        if (next === start) {
          closing = node;
          break;
        }
        if (!previous.has(next)) {
          previous.set(next, node);
          queue.push(next);
        }
      }
    }
    if (closing === null) continue;
    const path = [start];
    for (let n: string | undefined = closing; n !== undefined && n !== start; n = previous.get(n)) path.push(n);
    cycles.push([start, ...path.slice(1).reverse(), start]);
  }
  return cycles.sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}
