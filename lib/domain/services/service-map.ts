// The service map's wire shape (GET /api/services): nodes with volume, edges with call stats, the cycles
// of the dependency graph as closed paths, and per-service request stats. Durations are ns decimal strings.
export interface ServiceMapNode {
  service: string;
  spans: number;
  errors: number;
  /** True when the service is on some cycle of the dependency graph. */
  inCycle: boolean;
}

export interface ServiceMapEdge {
  parent: string;
  child: string;
  calls: number;
  errors: number;
  p50Ns: string;
  p99Ns: string;
  /** True when both ends are in the same cyclic component (the edge is part of a cycle). */
  inCycle: boolean;
}

export interface ServiceStatsRow {
  service: string;
  requests: number;
  errors: number;
  ratePerSecond: number;
  errorRate: number;
  p50Ns: string;
  p95Ns: string;
  p99Ns: string;
  sparkline: number[];
}

export interface ServiceMap {
  fromUnixNano: string;
  toUnixNano: string;
  /** 1 when every trace was read; below 1, counts are estimates scaled up from this fraction of traces. */
  sampledFraction: number;
  nodes: ServiceMapNode[];
  edges: ServiceMapEdge[];
  /** One cycle per cyclic component of the dependency graph, as [a, b, ..., a]. */
  cycles: string[][];
  /** The services of each cycle's component (all mutually reachable), parallel to `cycles`. */
  cycleGroups: string[][];
  stats: ServiceStatsRow[];
}
