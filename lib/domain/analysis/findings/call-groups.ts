// Retry storms, N+1 calls and fan-out bursts, all about many calls under one parent. A call is a CLIENT or
// PRODUCER child, or a child on another service (a callee whose caller recorded no client span); internal work
// is not. Calls are "the same" when they go to the same downstream and ask for the same target (call-target.ts:
// URL, route, RPC method, statement), not when they merely share a span name — `POST` acquire, `POST` acquire,
// `POST` release are three different calls.
// - retry storm: >= retryStormMinAttempts calls of one target, at least one failed, made largely one after
//   another (peak concurrency below the threshold: a caller trying again, not a parallel batch), that did not
//   recover: the last attempt failed, or retryStormMinAttempts attempts failed before one succeeded. Two
//   failures and a success with backoff is resilience working, not a storm;
// - N+1: >= nPlusOneMinCalls calls of one target made one after another (peak concurrency below
//   fanOutMinConcurrent), mostly succeeding — a loop issuing one query per item;
// - fan-out burst: >= fanOutMinConcurrent calls from one parent to one downstream open at the same moment.
// Parents with fewer children than the smallest threshold are skipped. Targets and downstreams are interned to
// integers and each parent's children sorted by (downstream, target), so groups are runs of equal keys: no
// per-parent maps or key strings in the hot loop.
import type { Finding } from '../finding';
import { durationText, labelOf, rootFailed, servicesOf, spanIdOf, type TraceFacts } from '../trace-facts';
import { callFailed, downstreamOf, isCall } from './downstream';
import { callTarget } from './call-target';

export function callGroupFindings(facts: TraceFacts): Finding[] {
  const { table, tree, options } = facts;
  const minChildren = Math.min(options.retryStormMinAttempts, options.fanOutMinConcurrent, options.nPlusOneMinCalls);
  const retries: Finding[] = [];
  const repeats: Finding[] = [];
  const bursts: Finding[] = [];
  const names = new Map<string, number>();
  const downstreams = new Map<string, number>();
  const downstreamNames: string[] = [];
  const nameOf = new Int32Array(table.count);
  const targetOf = new Int32Array(table.count);
  const targets = new Map<string, number>();
  const targetNames: string[] = [];
  const minGroup = Math.min(options.retryStormMinAttempts, options.nPlusOneMinCalls);
  const downstreamIdOf = new Int32Array(table.count);
  const children: number[] = [];
  const byDownstreamThenName = (a: number, b: number) => downstreamIdOf[a]! - downstreamIdOf[b]! || nameOf[a]! - nameOf[b]!;
  for (let p = 0; p < table.count; p++) {
    const from = tree.childOffsets[p]!;
    const to = tree.childOffsets[p + 1]!;
    if (to - from < minChildren) continue;
    children.length = 0;
    for (let k = from; k < to; k++) {
      const c = tree.childList[k]!;
      if (!isCall(facts, p, c)) continue;
      const name = table.spans[c]!.name;
      let nameId = names.get(name);
      if (nameId === undefined) names.set(name, (nameId = names.size));
      const downstream = downstreamOf(facts, c);
      let dId = downstreams.get(downstream);
      if (dId === undefined) {
        downstreams.set(downstream, (dId = downstreamNames.length));
        downstreamNames.push(downstream);
      }
      nameOf[c] = nameId;
      downstreamIdOf[c] = dId;
      children.push(c);
    }
    if (children.length < minChildren) continue;
    children.sort(byDownstreamThenName);
    for (let runStart = 0; runStart < children.length;) {
      const d = downstreamIdOf[children[runStart]!]!;
      let runEnd = runStart;
      while (runEnd < children.length && downstreamIdOf[children[runEnd]!] === d) runEnd++;
      const downstream = downstreamNames[d]!;
      if (runEnd - runStart >= options.fanOutMinConcurrent && bursts.length < options.maxFindingsPerType) {
        const calls = children.slice(runStart, runEnd);
        const peak = peakConcurrency(facts, calls);
        if (peak >= options.fanOutMinConcurrent) {
          bursts.push({
            type: 'fan-out-burst',
            severity: 'info',
            confidence: 0.8,
            spanIds: [spanIdOf(facts, p), ...calls.map((c) => spanIdOf(facts, c))],
            services: withDownstream(servicesOf(facts, [p, ...calls]), downstream),
            summary: `${labelOf(facts, p)} had ${peak} calls to ${downstream} open at once (${calls.length} in ${durationText(extent(facts, calls))})`,
          });
        }
      }
      for (let opStart = runStart; opStart < runEnd;) {
        const n = nameOf[children[opStart]!]!;
        let opEnd = opStart;
        while (opEnd < runEnd && nameOf[children[opEnd]!] === n) opEnd++;
        // Same name is necessary but not enough: `POST` acquire and `POST` release are different calls.
        // Targets are read only here, for runs long enough to matter, so most spans' attributes are never read.
        if (opEnd - opStart >= minGroup) {
          const run = children.slice(opStart, opEnd);
          for (const c of run) {
            const target = callTarget(table.spans[c]!.name, table.spans[c]!.attributes);
            let id = targets.get(target);
            if (id === undefined) {
              targets.set(target, (id = targetNames.length));
              targetNames.push(target);
            }
            targetOf[c] = id;
          }
          run.sort((a, b) => targetOf[a]! - targetOf[b]!);
          for (let gStart = 0; gStart < run.length;) {
            let gEnd = gStart;
            while (gEnd < run.length && targetOf[run[gEnd]!] === targetOf[run[gStart]!]) gEnd++;
            const group = run.slice(gStart, gEnd);
            if (group.length >= minGroup) {
              const calls = group.sort((a, b) => facts.skew.start[a]! - facts.skew.start[b]!);
              const failures = calls.filter((c) => callFailed(facts, c)).length;
              const peak = peakConcurrency(facts, calls);
              const recovered = !callFailed(facts, calls[calls.length - 1]!);
              const target = targetNames[targetOf[calls[0]!]!]!;
              const common = () => ({ spanIds: [spanIdOf(facts, p), ...calls.map((c) => spanIdOf(facts, c))], services: withDownstream(servicesOf(facts, [p, ...calls]), downstream) });
              if (
                calls.length >= options.retryStormMinAttempts &&
                failures > 0 &&
                peak < options.retryStormMinAttempts &&
                (!recovered || failures >= options.retryStormMinAttempts) &&
                retries.length < options.maxFindingsPerType
              ) {
                retries.push({
                  type: 'retry-storm',
                  severity: recovered || !rootFailed(facts) ? 'warning' : 'critical',
                  // Repeated calls of one target with failures; without a recorded target (span names only) less sure.
                  confidence: target === table.spans[calls[0]!]!.name ? 0.6 : 0.85,
                  ...common(),
                  summary: `${labelOf(facts, p)} called ${target} on ${downstream} ${calls.length} times (${failures} failed${recovered ? ', the last succeeded' : ''})`,
                });
              } else if (calls.length >= options.nPlusOneMinCalls && peak < options.fanOutMinConcurrent && failures * 2 < calls.length && repeats.length < options.maxFindingsPerType) {
                repeats.push({
                  type: 'n-plus-one',
                  severity: 'warning',
                  confidence: target === table.spans[calls[0]!]!.name ? 0.6 : 0.85,
                  ...common(),
                  summary: `${labelOf(facts, p)} called ${target} on ${downstream} ${calls.length} times one after another (${durationText(extent(facts, calls))} in all)`,
                });
              }
            }
            gStart = gEnd;
          }
        }
        opStart = opEnd;
      }
      runStart = runEnd;
    }
  }
  return [...retries, ...repeats, ...bursts];
}

function withDownstream(services: string[], downstream: string): string[] {
  return services.includes(downstream) ? services : [...services, downstream];
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
      if (open > 0) open--;
    }
    open++;
    if (open > peak) peak = open;
  }
  return peak;
}

function extent(facts: TraceFacts, calls: readonly number[]): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of calls) {
    lo = Math.min(lo, facts.skew.start[c]!);
    hi = Math.max(hi, facts.skew.end[c]!);
  }
  return hi - lo;
}
