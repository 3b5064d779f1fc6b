import 'server-only';
// GET /api/dependencies: the service dependency graph of the spans that started in the window, with
// per-edge call count, error rate, p50/p99 latency (nanoseconds as decimal strings) and the cycles.
import { buildDependencyGraph } from '@/lib/domain/analysis/dependency-graph';
import type { Queryable } from '../db/queryable';
import { readWindowSpans } from './read-window-spans';
import type { TimeWindow } from './time-window';

export interface DependenciesResponse {
  fromUnixNano: string;
  toUnixNano: string;
  spanCount: number;
  truncated: boolean;
  services: string[];
  edges: { source: string; target: string; callCount: number; errorCount: number; errorRate: number; p50Ns: string; p99Ns: string }[];
  cycles: string[][];
}

export async function getDependencies(db: Queryable, tenant: string, window: TimeWindow): Promise<DependenciesResponse> {
  const { spans, truncated } = await readWindowSpans(db, tenant, window);
  const graph = buildDependencyGraph(spans);
  return {
    fromUnixNano: window.fromUnixNano.toString(),
    toUnixNano: window.toUnixNano.toString(),
    spanCount: spans.length,
    truncated,
    services: graph.services,
    edges: graph.edges.map((e) => ({ ...e, p50Ns: String(e.p50Ns), p99Ns: String(e.p99Ns) })),
    cycles: graph.cycles,
  };
}
