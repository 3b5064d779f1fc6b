// Timeout cascades: a caller that ended with an error while a callee it was waiting for was still running
// (the caller gave up, typically on a timeout). Uses corrected times so clock skew cannot fake one, and ignores
// overruns within timeoutToleranceNs (clock resolution within one process). One finding per caller, listing
// the callees it abandoned; a chain of such callers shows as one finding per level.
import { isDetached } from '../span-table';
import type { Finding } from '../finding';
import { durationText, labelOf, servicesOf, spanIdOf, type TraceFacts } from '../trace-facts';

export function timeoutCascadeFindings(facts: TraceFacts): Finding[] {
  const { table, tree, skew, options } = facts;
  const out: Finding[] = [];
  for (let k = 0; k < table.count && out.length < options.maxFindingsPerType; k++) {
    const p = tree.order[k]!;
    if (!table.error[p] || table.unfinished[p]) continue;
    const abandoned: number[] = [];
    for (let c = tree.childOffsets[p]!; c < tree.childOffsets[p + 1]!; c++) {
      const child = tree.childList[c]!;
      if (isDetached(table, p, child)) continue;
      if (table.unfinished[child] || skew.end[child]! - skew.end[p]! > options.timeoutToleranceNs) abandoned.push(child);
    }
    if (abandoned.length === 0) continue;
    const first = abandoned[0]!;
    const overrun = table.unfinished[first] ? 'never finished' : `ran ${durationText(skew.end[first]! - skew.end[p]!)} longer`;
    out.push({
      type: 'timeout-cascade',
      spanIds: [spanIdOf(facts, p), ...abandoned.map((i) => spanIdOf(facts, i))],
      services: servicesOf(facts, [p, ...abandoned]),
      summary: `${labelOf(facts, p)} failed after ${durationText(skew.end[p]! - skew.start[p]!)} while its callee ${labelOf(facts, first)} was still running (${overrun})${abandoned.length > 1 ? ` and ${abandoned.length - 1} more` : ''}`,
    });
  }
  return out;
}
