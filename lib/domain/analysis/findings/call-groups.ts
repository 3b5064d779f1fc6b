// Retry storms and fan-out bursts, both about many calls under one parent.
// - retry storm: >= retryStormMinAttempts calls of the same operation (span name) to the same downstream,
//   at least one failed, and made largely one after another (peak concurrency below the threshold) — that
//   is, a caller trying again, not a parallel batch;
// - fan-out burst: >= fanOutMinConcurrent calls from one parent to one downstream open at the same moment.
// Parents with fewer children than either threshold are skipped before any grouping, so the cost is O(n)
// plus a sort per large group.
import type { Finding } from '../finding';
import { durationText, labelOf, servicesOf, spanIdOf, type TraceFacts } from '../trace-facts';
import { callFailed, downstreamOf } from './downstream';

export function callGroupFindings(facts: TraceFacts): Finding[] {
  const { table, tree, options } = facts;
  const minChildren = Math.min(options.retryStormMinAttempts, options.fanOutMinConcurrent);
  const retries: Finding[] = [];
  const bursts: Finding[] = [];
  for (let p = 0; p < table.count; p++) {
    const from = tree.childOffsets[p]!;
    const to = tree.childOffsets[p + 1]!;
    if (to - from < minChildren) continue;
    const byOperation = new Map<string, number[]>();
    const byDownstream = new Map<string, number[]>();
    for (let k = from; k < to; k++) {
      const c = tree.childList[k]!;
      const downstream = downstreamOf(facts, c);
      push(byOperation, `${table.spans[c]!.name}\u0000${downstream}`, c);
      push(byDownstream, downstream, c);
    }
    for (const [key, calls] of byOperation) {
      if (calls.length < options.retryStormMinAttempts || retries.length >= options.maxFindingsPerType) continue;
      const failures = calls.filter((c) => callFailed(facts, c)).length;
      if (failures === 0 || peakConcurrency(facts, calls) >= options.retryStormMinAttempts) continue;
      const downstream = key.split('\u0000')[1]!;
      retries.push({
        type: 'retry-storm',
        spanIds: [spanIdOf(facts, p), ...calls.map((c) => spanIdOf(facts, c))],
        services: withDownstream(servicesOf(facts, [p, ...calls]), downstream),
        summary: `${labelOf(facts, p)} called ${table.spans[calls[0]!]!.name} on ${downstream} ${calls.length} times (${failures} failed)`,
      });
    }
    for (const [downstream, calls] of byDownstream) {
      if (calls.length < options.fanOutMinConcurrent || bursts.length >= options.maxFindingsPerType) continue;
      const peak = peakConcurrency(facts, calls);
      if (peak < options.fanOutMinConcurrent) continue;
      bursts.push({
        type: 'fan-out-burst',
        spanIds: [spanIdOf(facts, p), ...calls.map((c) => spanIdOf(facts, c))],
        services: withDownstream(servicesOf(facts, [p, ...calls]), downstream),
        summary: `${labelOf(facts, p)} had ${peak} calls to ${downstream} open at once (${calls.length} in ${durationText(spanOf(facts, calls))})`,
      });
    }
  }
  return [...retries, ...bursts];
}

function withDownstream(services: string[], downstream: string): string[] {
  return services.includes(downstream) ? services : [...services, downstream];
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Most calls open at one instant; a call ending exactly when another starts does not overlap it. */
function peakConcurrency(facts: TraceFacts, calls: readonly number[]): number {
  const starts = Float64Array.from(calls, (c) => facts.skew.start[c]!).sort();
  const ends = Float64Array.from(calls, (c) => facts.skew.end[c]!).sort();
  let open = 0;
  let peak = 0;
  let j = 0;
  for (let i = 0; i < starts.length; i++) {
    while (j < ends.length && ends[j]! <= starts[i]!) {
      j++;
      open--;
    }
    open++;
    if (open > peak) peak = open;
  }
  return peak;
}

function spanOf(facts: TraceFacts, calls: readonly number[]): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of calls) {
    lo = Math.min(lo, facts.skew.start[c]!);
    hi = Math.max(hi, facts.skew.end[c]!);
  }
  return hi - lo;
}
