import 'server-only';
// Assembles the service map of a window: graph nodes and edges from SQL, cycles from the pure SCC module,
// per-service request stats.
import { edgeInCycle, markCycles, nodeInCycle } from '@/lib/domain/services/mark-cycles';
import type { ServiceMap } from '@/lib/domain/services/service-map';
import type { Queryable } from '../db/queryable';
import { serviceEdges, serviceNodes, type ServiceGraphWindow } from './service-graph';
import { serviceStats } from './service-stats';

export async function buildServiceMap(db: Queryable, window: ServiceGraphWindow): Promise<ServiceMap> {
  const nodes = await serviceNodes(db, window);
  const edges = await serviceEdges(db, window);
  const stats = await serviceStats(db, window);
  const marks = markCycles(nodes.map((n) => n.service), edges);
  return {
    fromUnixNano: window.fromNs.toString(),
    toUnixNano: window.toNs.toString(),
    nodes: nodes.map((n) => ({ ...n, inCycle: nodeInCycle(marks, n.service) })),
    edges: edges.map((e) => ({ ...e, inCycle: edgeInCycle(marks, e.parent, e.child) })),
    cycles: marks.cycles,
    stats,
  };
}
