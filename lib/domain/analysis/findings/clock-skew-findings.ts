// Clock-skew findings: a host whose clock is more than skewWarnNs off the trace's root host, either as
// measured by the shifts this trace needed (per-trace correction) or by host-offset estimates (this trace's
// pairs and the cross-trace table passed in options, chained through measured hosts: host-offset-graph.ts).
// - Shifts: the figure is the median shift of the host's spans (all of them, unmoved ones as zero), with their
//   range — one outlier span (nudged into a parent far off) does not set it.
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
  const hosts = table.hostNames.length;
  // The host's figure is the value most of its spans were shifted by: a majority vote (Boyer–Moore) in one
  // pass with no allocation per span, checked in a second pass; only a host without a majority pays for an
  // exact median. On a 100k-span trace with a skewed host nearly every span moved.
  const candidate = new Float64Array(hosts);
  const votes = new Int32Array(hosts);
  for (let i = 0; i < table.count; i++) {
    const h = table.host[i]!;
    const off = skew.offset[i]!;
    if (votes[h] === 0) {
      candidate[h] = off;
      votes[h] = 1;
    } else if (candidate[h] === off) votes[h]!++;
    else votes[h]!--;
  }
  const total = new Int32Array(hosts);
  const agree = new Int32Array(hosts);
  const lo = new Float64Array(hosts).fill(Infinity);
  const hi = new Float64Array(hosts).fill(-Infinity);
  const listed: number[][] = Array.from({ length: hosts }, () => []);
  for (let i = 0; i < table.count; i++) {
    const h = table.host[i]!;
    const off = skew.offset[i]!;
    total[h]!++;
    if (off === candidate[h]) agree[h]!++;
    if (off < lo[h]!) lo[h] = off;
    if (off > hi[h]!) hi[h] = off;
    if (Math.abs(off) > options.skewWarnNs && listed[h]!.length < MAX_SPANS_LISTED) listed[h]!.push(i);
  }
  const out: Finding[] = [];
  const reported = new Set<string>();
  for (let h = 0; h < hosts; h++) {
    if (listed[h]!.length === 0) continue;
    const figure = agree[h]! * 2 > total[h]! ? candidate[h]! : exactMedian(facts, h);
    if (Math.abs(figure) <= options.skewWarnNs) continue;
    const host = table.hostNames[h]!;
    reported.add(host);
    const spans = listed[h]!;
    const spread = lo[h] === hi[h] ? '' : ` (from ${durationText(lo[h]!)} to ${durationText(hi[h]!)})`;
    out.push({
      type: 'clock-skew',
      severity: 'warning',
      // Inferred from spans that did not fit their parents; the figure over many spans is surer than one.
      confidence: total[h]! >= 3 ? 0.8 : 0.6,
      spanIds: spans.map((i) => spanIdOf(facts, i)),
      services: servicesOf(facts, spans),
      summary: `clock of ${host} is about ${durationText(Math.abs(figure))} ${figure > 0 ? 'behind' : 'ahead'}: its ${total[h]} span(s) in this trace were shifted by ${durationText(figure)}${spread}`,
    });
  }
  const root = facts.tree.primaryRoot;
  if (root < 0) return out;
  const rootHost = table.hostNames[table.host[root]!]!;
  const graph = new HostOffsetGraph([...(options.hostOffsets ?? []), ...facts.hostOffsets]);
  if (graph.size === 0) return out;
  const firstSpan = new Int32Array(table.hostNames.length).fill(-1);
  for (let i = 0; i < table.count; i++) if (firstSpan[table.host[i]!] === -1) firstSpan[table.host[i]!] = i;
  for (let h = 0; h < firstSpan.length; h++) {
    const first = firstSpan[h]!;
    const host = table.hostNames[h]!;
    if (first < 0 || host === rootHost || reported.has(host)) continue;
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

function exactMedian(facts: TraceFacts, h: number): number {
  const offsets: number[] = [];
  for (let i = 0; i < facts.table.count; i++) if (facts.table.host[i] === h) offsets.push(facts.skew.offset[i]!);
  const sorted = Float64Array.from(offsets).sort();
  return sorted[sorted.length >> 1]!;
}
