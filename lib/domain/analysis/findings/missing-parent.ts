// Missing parents: spans whose parent id is not in the trace (the parent was lost, sampled out or is still
// in flight), and spans whose parent link was cut to break a parent-id cycle. The spans themselves are kept.
import type { Finding } from '../finding';
import { labelOf, servicesOf, spanIdOf, type TraceFacts } from '../trace-facts';

export function missingParentFindings(facts: TraceFacts): Finding[] {
  const { tree, table, options } = facts;
  const out: Finding[] = [];
  for (const i of tree.orphans.slice(0, options.maxFindingsPerType)) {
    out.push({
      type: 'missing-parent',
      severity: 'info',
      confidence: 1,
      spanIds: [spanIdOf(facts, i)],
      services: servicesOf(facts, [i]),
      summary: `${labelOf(facts, i)} names parent ${table.spans[i]!.parentSpanId} which is not in the trace; kept as a root`,
    });
  }
  for (const i of tree.cycleBreaks.slice(0, options.maxFindingsPerType)) {
    out.push({
      type: 'missing-parent',
      severity: 'warning',
      confidence: 1,
      spanIds: [spanIdOf(facts, i)],
      services: servicesOf(facts, [i]),
      summary: `${labelOf(facts, i)} is part of a parent-id cycle (via parent ${table.spans[i]!.parentSpanId}); the link was cut and it is kept as a root`,
    });
  }
  return out;
}
