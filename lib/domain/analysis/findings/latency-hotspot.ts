// Latency hotspots: spans whose own (self) time on the critical path is at least hotspotMinShare of the
// whole path, i.e. the places where the end-to-end time was actually spent rather than waited for.
// Every trace has a largest span; only one that cost real time (hotspotWarnNs of self time, 50 ms) degraded
// the request (`warning`) — in a 10 ms trace the largest span is context (`info`), not a problem.
import type { Finding } from '../finding';
import { durationText, labelOf, servicesOf, spanIdOf, type TraceFacts } from '../trace-facts';

export function latencyHotspotFindings(facts: TraceFacts): Finding[] {
  const { criticalPath, pathSelfTimeBySpan, options, table } = facts;
  if (table.count < 2 || criticalPath.length === 0) return [];
  const total = criticalPath[criticalPath.length - 1]!.end - criticalPath[0]!.start;
  if (total <= 0) return [];
  return [...pathSelfTimeBySpan]
    .filter(([, self]) => self / total >= options.hotspotMinShare)
    .sort((a, b) => b[1] - a[1])
    .slice(0, options.maxFindingsPerType)
    .map(([i, self]) => ({
      type: 'latency-hotspot' as const,
      severity: self >= options.hotspotWarnNs ? ('warning' as const) : ('info' as const),
      confidence: Math.round((self / total) * 100) / 100,
      spanIds: [spanIdOf(facts, i)],
      services: servicesOf(facts, [i]),
      summary: `${labelOf(facts, i)} spent ${durationText(self)} of its own time on the critical path (${Math.round((self / total) * 100)}% of ${durationText(total)})`,
    }));
}
