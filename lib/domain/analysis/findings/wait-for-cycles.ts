// Waits that cannot resolve:
// - spans that wait on each other in a cycle: callers wait on their callees, and a span linking to another
//   span of the same trace is taken to wait on it while both are open; a strongly connected component of
//   that wait-for graph is a cycle (parent links alone form a tree, so the graph is only built when there are
//   such links);
// - spans that never finished at the bottom of a chain of waiting callers (no unfinished span below them).
import { cyclicComponents } from '../strongly-connected';
import { isDetached } from '../span-table';
import type { Finding } from '../finding';
import { labelOf, servicesOf, spanIdOf, type TraceFacts } from '../trace-facts';

export function waitForFindings(facts: TraceFacts): Finding[] {
  return [...linkCycles(facts), ...stuckChains(facts)];
}

function linkCycles(facts: TraceFacts): Finding[] {
  const { table, tree, skew, options } = facts;
  const linkEdges: [number, number][] = [];
  let indexById: Map<string, number> | undefined;
  for (let i = 0; i < table.count; i++) {
    const links = table.spans[i]!.links;
    if (!links || links.length === 0) continue;
    for (const link of links) {
      if (link.traceId !== table.spans[i]!.traceId) continue;
      indexById ??= new Map(table.spans.map((s, k) => [s.spanId, k] as const));
      const j = indexById.get(link.spanId);
      if (j === undefined || j === i) continue;
      const overlap = Math.min(skew.end[i]!, skew.end[j]!) - Math.max(skew.start[i]!, skew.start[j]!);
      if (overlap > 0 || table.unfinished[i] || table.unfinished[j]) linkEdges.push([i, j]);
    }
  }
  if (linkEdges.length === 0) return [];
  const n = table.count;
  const offsets = new Int32Array(n + 1);
  const edges: [number, number][] = [...linkEdges];
  for (let c = 0; c < n; c++) {
    const p = tree.parent[c]!;
    if (p >= 0 && !isDetached(table, p, c)) edges.push([p, c]);
  }
  for (const [from] of edges) offsets[from + 1]!++;
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const targets = new Int32Array(edges.length);
  const fill = offsets.slice(0, n);
  for (const [from, to] of edges) targets[fill[from]!++] = to;
  return cyclicComponents(n, offsets, targets)
    .slice(0, options.maxFindingsPerType)
    .map((component) => ({
      type: 'wait-for-cycle' as const,
      severity: 'critical' as const,
      confidence: 0.8,
      spanIds: component.map((i) => spanIdOf(facts, i)),
      services: servicesOf(facts, component),
      summary: `${component.length} spans wait on each other in a cycle: ${component.map((i) => labelOf(facts, i)).join(' → ')}`,
    }));
}

function stuckChains(facts: TraceFacts): Finding[] {
  const { table, tree, options } = facts;
  const n = table.count;
  const unfinishedBelow = new Uint8Array(n);
  for (let k = n - 1; k >= 0; k--) {
    const i = tree.order[k]!;
    const p = tree.parent[i]!;
    if (p >= 0 && (table.unfinished[i] || unfinishedBelow[i])) unfinishedBelow[p] = 1;
  }
  const out: Finding[] = [];
  for (let k = 0; k < n && out.length < options.maxFindingsPerType; k++) {
    const i = tree.order[k]!;
    if (!table.unfinished[i] || unfinishedBelow[i] || tree.parent[i]! < 0) continue;
    const chain: number[] = [];
    for (let x = i; x >= 0; x = tree.parent[x]!) chain.push(x);
    chain.reverse();
    out.push({
      type: 'wait-for-cycle',
      severity: 'critical',
      confidence: 0.6,
      spanIds: chain.map((x) => spanIdOf(facts, x)),
      services: servicesOf(facts, chain),
      summary: `${labelOf(facts, i)} never finished; ${chain.length - 1} caller(s) waited on it: ${chain.map((x) => labelOf(facts, x)).join(' → ')}`,
    });
  }
  return out;
}
