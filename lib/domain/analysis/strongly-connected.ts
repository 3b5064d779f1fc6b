// Tarjan's strongly connected components over a graph in CSR form (offsets has nodeCount + 1 entries),
// iterative so deep graphs cannot overflow the call stack. O(V + E). Returns components of two or more
// nodes (the cycles), each in discovery order.
export function cyclicComponents(nodeCount: number, offsets: ArrayLike<number>, targets: ArrayLike<number>): number[][] {
  const index = new Int32Array(nodeCount).fill(-1);
  const low = new Int32Array(nodeCount);
  const onStack = new Uint8Array(nodeCount);
  const stack: number[] = [];
  const callNode: number[] = [];
  const callEdge: number[] = [];
  const out: number[][] = [];
  let next = 0;
  for (let root = 0; root < nodeCount; root++) {
    if (index[root] !== -1) continue;
    callNode.push(root);
    callEdge.push(offsets[root]!);
    index[root] = low[root] = next++;
    stack.push(root);
    onStack[root] = 1;
    while (callNode.length > 0) {
      const top = callNode.length - 1;
      const v = callNode[top]!;
      const e = callEdge[top]!;
      if (e < offsets[v + 1]!) {
        callEdge[top] = e + 1;
        const w = targets[e]!;
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack.push(w);
          onStack[w] = 1;
          callNode.push(w);
          callEdge.push(offsets[w]!);
        } else if (onStack[w] && index[w]! < low[v]!) {
          low[v] = index[w]!;
        }
        continue;
      }
      callNode.pop();
      callEdge.pop();
      if (callNode.length > 0) {
        const parent = callNode[callNode.length - 1]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        if (component.length > 1) out.push(component.reverse());
      }
    }
  }
  return out;
}
