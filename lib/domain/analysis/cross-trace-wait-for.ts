// Wait-for cycles across traces: two requests that hold what the other needs (a distributed deadlock
// between traces) are invisible in either trace alone. Instrumentations that record "waiting for X" put a
// span link from the waiting span to X's span, which may be in another trace. Over the given traces:
// callers wait on their callees (parent → attached child), and a span waits on the span it links to while
// both are open (corrected times, on one timeline: each trace's base plus its skew-corrected offsets).
// Strongly connected components of that graph that reach into more than one trace are reported in every
// trace they touch, as `wait-for-cycle` listing that trace's spans and all services of the cycle.
// Cycles within one trace are found by the per-trace rule (wait-for-cycles.ts) and are not repeated here.
import type { TraceAnalysis } from './analyze-trace';
import { isDetached } from './span-table';
import { cyclicComponents } from './strongly-connected';

export function crossTraceWaitForFindings(analyses: TraceAnalysis[]): void {
  const traceIndex = new Map(analyses.map((a, k) => [a.traceId, k]));
  const first = new Int32Array(analyses.length + 1);
  for (let k = 0; k < analyses.length; k++) first[k + 1] = first[k]! + analyses[k]!.table.count;
  const linkEdges: [number, number][] = [];
  let base = analyses[0]!.table.baseUnixNano;
  for (const a of analyses) if (a.table.baseUnixNano < base) base = a.table.baseUnixNano;
  const shift = analyses.map((a) => Number(a.table.baseUnixNano - base));
  const idIndexes = new Map<number, Map<string, number>>();
  const indexOf = (k: number, spanId: string): number | undefined => {
    let ids = idIndexes.get(k);
    if (!ids) idIndexes.set(k, (ids = new Map(analyses[k]!.table.spans.map((s, i) => [s.spanId, i] as const))));
    return ids.get(spanId);
  };
  for (let k = 0; k < analyses.length; k++) {
    const { table, skew } = analyses[k]!;
    for (let i = 0; i < table.count; i++) {
      const links = table.spans[i]!.links;
      if (!links || links.length === 0) continue;
      for (const link of links) {
        const other = traceIndex.get(link.traceId);
        if (other === undefined || other === k) continue;
        const j = indexOf(other, link.spanId);
        if (j === undefined) continue;
        const o = analyses[other]!;
        const overlap = Math.min(shift[k]! + skew.end[i]!, shift[other]! + o.skew.end[j]!) - Math.max(shift[k]! + skew.start[i]!, shift[other]! + o.skew.start[j]!);
        if (overlap > 0 || table.unfinished[i] || o.table.unfinished[j]) linkEdges.push([first[k]! + i, first[other]! + j]);
      }
    }
  }
  if (linkEdges.length === 0) return;
  const n = first[analyses.length]!;
  const edges: [number, number][] = [...linkEdges];
  for (let k = 0; k < analyses.length; k++) {
    const { table, tree } = analyses[k]!;
    for (let c = 0; c < table.count; c++) {
      const p = tree.parent[c]!;
      if (p >= 0 && !isDetached(table, p, c)) edges.push([first[k]! + p, first[k]! + c]);
    }
  }
  const offsets = new Int32Array(n + 1);
  for (const [from] of edges) offsets[from + 1]!++;
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const targets = new Int32Array(edges.length);
  const fill = offsets.slice(0, n);
  for (const [from, to] of edges) targets[fill[from]!++] = to;
  const traceOf = (g: number): number => {
    let lo = 0;
    let hi = analyses.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (first[mid]! <= g) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  for (const component of cyclicComponents(n, offsets, targets)) {
    const touched = [...new Set(component.map(traceOf))];
    if (touched.length < 2) continue;
    const services = [
      ...new Set(
        component.map((g) => {
          const a = analyses[traceOf(g)]!;
          const i = g - first[traceOf(g)]!;
          return a.table.serviceNames[a.table.service[i]!]!;
        }),
      ),
    ];
    for (const k of touched) {
      const a = analyses[k]!;
      const mine = component.filter((g) => traceOf(g) === k).map((g) => g - first[k]!);
      const others = touched.filter((t) => t !== k).map((t) => analyses[t]!.traceId);
      a.findings.push({
        type: 'wait-for-cycle',
        severity: 'critical',
        confidence: 0.8,
        spanIds: mine.map((i) => a.table.spans[i]!.spanId),
        services,
        summary: `distributed deadlock across traces: spans of this trace and of trace${others.length > 1 ? 's' : ''} ${others.join(', ')} wait on each other through span links (${services.join(', ')})`,
      });
    }
  }
}
