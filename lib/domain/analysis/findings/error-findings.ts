// Root-cause errors and error propagation. An error span none of whose descendants errored is a root cause
// (the deepest failure on its branch). Its propagation chain is the error spans above it, found through a
// "nearest error ancestor" link computed top-down once, so each chain costs its own length. Chains are
// reported root first, and only when the error reached at least one caller.
import type { Finding } from '../finding';
import { durationText, labelOf, rootFailed, servicesOf, spanIdOf, type TraceFacts } from '../trace-facts';

export function errorFindings(facts: TraceFacts): Finding[] {
  const { table, tree, options } = facts;
  const n = table.count;
  const errorBelow = new Uint8Array(n);
  for (let k = n - 1; k >= 0; k--) {
    const i = tree.order[k]!;
    const p = tree.parent[i]!;
    if (p >= 0 && (table.error[i] || errorBelow[i])) errorBelow[p] = 1;
  }
  const errorAbove = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    const i = tree.order[k]!;
    const p = tree.parent[i]!;
    if (p >= 0) errorAbove[i] = table.error[p] ? p : errorAbove[p]!;
  }
  // A failure that did not reach the trace's root was recovered from (a retry, a fallback): information.
  const severity = rootFailed(facts) ? 'critical' : 'info';
  const rootCauses: Finding[] = [];
  const propagations: Finding[] = [];
  for (let k = 0; k < n; k++) {
    const i = tree.order[k]!;
    if (!table.error[i] || errorBelow[i]) continue;
    if (rootCauses.length < options.maxFindingsPerType) {
      const message = table.spans[i]!.statusMessage;
      rootCauses.push({
        type: 'root-cause-error',
        severity,
        confidence: 0.9,
        spanIds: [spanIdOf(facts, i)],
        services: servicesOf(facts, [i]),
        summary: `${labelOf(facts, i)} failed${message ? `: ${message}` : ''} (after ${durationText(table.end[i]! - table.start[i]!)}; no failing callee below it)`,
      });
    }
    if (errorAbove[i]! >= 0 && propagations.length < options.maxFindingsPerType) {
      const chain: number[] = [];
      for (let x = i; x >= 0; x = errorAbove[x]!) chain.push(x);
      chain.reverse();
      const services = servicesOf(facts, chain);
      propagations.push({
        type: 'error-propagation',
        severity: 'info',
        confidence: 0.9,
        spanIds: chain.map((x) => spanIdOf(facts, x)),
        services,
        summary: `error from ${labelOf(facts, i)} propagated through ${chain.length - 1} caller span(s): ${services.join(' → ')}`,
      });
    }
  }
  return [...rootCauses, ...propagations];
}
