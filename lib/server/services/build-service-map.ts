import 'server-only';
// Assembles the service map of a window: graph edges from SQL, node volumes and request stats from one scan,
// cycles from the pure SCC module. Big windows are computed on a trace sample (sample-traces.ts).
import { edgeInCycle, markCycles, nodeInCycle } from '@/lib/domain/services/mark-cycles';
import type { ServiceMap } from '@/lib/domain/services/service-map';
import type { Queryable } from '../db/queryable';
import { chooseSample } from './sample-traces';
import { serviceAggregates } from './service-aggregates';
import { serviceEdgesFrom, type ServiceGraphWindow } from './service-graph';
import { serviceStatsFrom } from './service-stats';

export async function buildServiceMap(db: Queryable, window: ServiceGraphWindow): Promise<ServiceMap> {
  const sample = await chooseSample(db, window);
  const rows = await serviceAggregates(db, window, sample);
  const stats = serviceStatsFrom(rows, window, sample);
  const edges = serviceEdgesFrom(rows, sample);
  const marks = markCycles(
    stats.map((s) => s.service),
    edges,
  );
  return {
    fromUnixNano: window.fromNs.toString(),
    toUnixNano: window.toNs.toString(),
    sampledFraction: sample.below / 256,
    nodes: stats.map((s) => ({ service: s.service, spans: s.spans, errors: s.spanErrors, inCycle: nodeInCycle(marks, s.service) })),
    edges: edges.map((e) => ({ ...e, inCycle: edgeInCycle(marks, e.parent, e.child) })),
    cycles: marks.cycles,
    cycleGroups: marks.groups,
    stats: stats
      .filter((s) => s.requests > 0)
      .map(({ service, requests, errors, ratePerSecond, errorRate, p50Ns, p95Ns, p99Ns, sparkline }) => ({
        service,
        requests,
        errors,
        ratePerSecond,
        errorRate,
        p50Ns,
        p95Ns,
        p99Ns,
        sparkline,
      })),
  };
}
