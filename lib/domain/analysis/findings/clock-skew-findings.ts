// Clock-skew findings: a host whose clock is more than skewWarnNs off the trace's root host, either as
// measured by the shifts this trace needed (per-trace correction) or by host-offset estimates (this trace's
// pairs and the cross-trace table passed in options, chained through measured hosts: host-offset-graph.ts).
// - Shifts: the figure is the median shift of the host's spans, with their range — one outlier span (nudged
//   into a parent far off) does not set it.
// - Estimates: an estimate counts only when its whole interval is beyond the threshold (|offset| − error bound
//   > skewWarnNs): a single slow call bounds the offset only loosely, and its midpoint alone would flag every
//   slow server as skewed. It is measured against the root host, so the host called off is the one that is off
//   relative to the clock the trace is shown in, never its innocent peer.
// One finding per host.
import type { Finding } from '../finding';
import { HostOffsetGraph } from '../host-offset-graph';
import { durationText, servicesOf, spanIdOf, type TraceFacts } from '../trace-facts';

const MAX_SPANS_LISTED = 20;

export function clockSkewFindings(facts: TraceFacts): Finding[] {
  const { table, skew, options } = facts;
  const byHost = new Map<number, number[]>();
  for (let i = 0; i < table.count; i++) {
    if (skew.offset[i] === 0) continue;
    const h = table.host[i]!;
    const list = byHost.get(h);
    if (list) list.push(i);
    else byHost.set(h, [i]);
  }
  const hostSpanCount = new Int32Array(table.hostNames.length);
  for (let i = 0; i < table.count; i++) hostSpanCount[table.host[i]!]!++;
  const out: Finding[] = [];
  const reported = new Set<string>();
  for (const [h, moved] of byHost) {
    // Unmoved spans of the host count as zero shifts: the median is over all of the host's spans.
    const offsets = Float64Array.from(moved, (i) => skew.offset[i]!);
    const all = new Float64Array(hostSpanCount[h]!);
    all.set(offsets);
    all.sort();
    const median = all[all.length >> 1]!;
    if (Math.abs(median) <= options.skewWarnNs) continue;
    const host = table.hostNames[h]!;
    reported.add(host);
    const spans = moved.filter((i) => Math.abs(skew.offset[i]!) > options.skewWarnNs).slice(0, MAX_SPANS_LISTED);
    const spread = all[0] === all[all.length - 1] ? '' : ` (from ${durationText(all[0]!)} to ${durationText(all[all.length - 1]!)})`;
    out.push({
      type: 'clock-skew',
      severity: 'warning',
      // Inferred from spans that did not fit their parents; the median over many spans is surer than one.
      confidence: all.length >= 3 ? 0.8 : 0.6,
      spanIds: spans.map((i) => spanIdOf(facts, i)),
      services: servicesOf(facts, spans),
      summary: `clock of ${host} is about ${durationText(Math.abs(median))} ${median > 0 ? 'behind' : 'ahead'}: its ${all.length} span(s) in this trace were shifted by ${durationText(median)}${spread}`,
    });
  }
  const root = facts.tree.primaryRoot;
  if (root < 0) return out;
  const rootHost = table.hostNames[table.host[root]!]!;
  const graph = new HostOffsetGraph([...(options.hostOffsets ?? []), ...facts.hostOffsets]);
  if (graph.size === 0) return out;
  const firstSpan = new Map<string, number>();
  for (let i = 0; i < table.count; i++) if (!firstSpan.has(table.hostNames[table.host[i]!]!)) firstSpan.set(table.hostNames[table.host[i]!]!, i);
  for (const [host, first] of firstSpan) {
    if (host === rootHost || reported.has(host)) continue;
    const estimate = graph.between(rootHost, host);
    if (!estimate || Math.abs(estimate.offsetNs) - estimate.errorBoundNs <= options.skewWarnNs) continue;
    reported.add(host);
    const via = estimate.via.length > 0 ? `, via ${estimate.via.join(', ')}` : '';
    out.push({
      type: 'clock-skew',
      severity: 'warning',
      confidence: estimate.samples >= 3 ? 0.9 : 0.7,
      spanIds: [spanIdOf(facts, first)],
      services: servicesOf(facts, [first]),
      summary: `clock of ${host} is ${durationText(estimate.offsetNs)} ± ${durationText(estimate.errorBoundNs)} off ${rootHost} (${estimate.samples} call pair(s)${via})`,
    });
  }
  return out;
}
