// Service cycles within a trace: a call chain that returns to a service already on it (A → B → A). One
// depth-first pass keeps, per service, how many times the current root-to-span path entered it; entering a
// service already on the path is a cycle, and walking up to that earlier entry gives the path. Each distinct
// path is reported once. When the re-entry happens in the same process (same host and service) and that
// inner span never finished or failed, it is also a potential distributed deadlock (wait-for-cycle): the
// outer span may hold what the inner one waits for.
import type { Finding } from '../finding';
import { labelOf, spanIdOf, type TraceFacts } from '../trace-facts';

export function serviceCycleFindings(facts: TraceFacts): Finding[] {
  const { table, tree, options } = facts;
  const onPath = new Int32Array(table.serviceNames.length);
  const seen = new Set<string>();
  const cycles: Finding[] = [];
  const deadlocks: Finding[] = [];
  const stackNode: number[] = [];
  const stackPtr: number[] = [];
  const isHead = (i: number): boolean => {
    const p = tree.parent[i]!;
    return p < 0 || table.service[p] !== table.service[i];
  };
  const enter = (i: number): void => {
    const svc = table.service[i]!;
    if (isHead(i)) {
      if (onPath[svc]! > 0) report(i);
      onPath[svc]!++;
    }
    stackNode.push(i);
    stackPtr.push(tree.childOffsets[i]!);
  };
  for (const root of tree.roots) {
    enter(root);
    while (stackNode.length > 0) {
      const top = stackNode.length - 1;
      const node = stackNode[top]!;
      const ptr = stackPtr[top]!;
      if (ptr < tree.childOffsets[node + 1]!) {
        stackPtr[top] = ptr + 1;
        enter(tree.childList[ptr]!);
        continue;
      }
      stackNode.pop();
      stackPtr.pop();
      if (isHead(node)) onPath[table.service[node]!]!--;
    }
  }
  return [...cycles, ...deadlocks];

  function report(i: number): void {
    const svc = table.service[i]!;
    const spans = [i];
    let last = svc;
    let earlier = -1;
    for (let x = tree.parent[i]!; x >= 0; x = tree.parent[x]!) {
      if (table.service[x] === last) continue;
      last = table.service[x]!;
      spans.push(x);
      if (last === svc) {
        earlier = x;
        break;
      }
    }
    spans.reverse();
    const path = spans.map((x) => table.serviceNames[table.service[x]!]!);
    const key = path.join('\u0000');
    if (!seen.has(key) && cycles.length < options.maxFindingsPerType) {
      seen.add(key);
      cycles.push({
        type: 'service-cycle',
        severity: 'info',
        confidence: 1,
        spanIds: spans.map((x) => spanIdOf(facts, x)),
        services: path,
        summary: `call chain returns to ${path[0]}: ${path.join(' → ')}`,
      });
    }
    const stuck = table.unfinished[i] || table.error[i];
    if (earlier >= 0 && stuck && table.host[earlier] === table.host[i] && deadlocks.length < options.maxFindingsPerType) {
      deadlocks.push({
        type: 'wait-for-cycle',
        severity: 'critical',
        confidence: 0.6,
        spanIds: spans.map((x) => spanIdOf(facts, x)),
        services: path,
        summary: `potential distributed deadlock: ${path.join(' → ')} re-enters the same process and ${labelOf(facts, i)} ${table.unfinished[i] ? 'never finished' : 'failed'} while its callers waited`,
      });
    }
  }
}
