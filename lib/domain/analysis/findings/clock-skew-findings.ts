// Clock-skew findings: a host whose clock is more than skewWarnNs off, either as measured by the shifts this
// trace needed (per-trace correction) or by host-offset estimates (this trace's pairs, or the cross-trace table
// passed in options). An estimate counts only when its whole interval is beyond the threshold
// (|offset| − error bound > skewWarnNs): a single slow call bounds the offset loosely, and its midpoint alone
// would flag every slow server as skewed. One finding per host.
import type { Finding } from '../finding';
import { exceedsSkewThreshold } from '../host-offset';
import { durationText, servicesOf, spanIdOf, type TraceFacts } from '../trace-facts';

const MAX_SPANS_LISTED = 20;

export function clockSkewFindings(facts: TraceFacts): Finding[] {
  const { table, skew, options } = facts;
  const worst = new Map<number, { offset: number; spans: number[] }>();
  for (let i = 0; i < table.count; i++) {
    const off = skew.offset[i]!;
    if (Math.abs(off) <= options.skewWarnNs) continue;
    const h = table.host[i]!;
    const entry = worst.get(h);
    if (!entry) worst.set(h, { offset: off, spans: [i] });
    else {
      if (Math.abs(off) > Math.abs(entry.offset)) entry.offset = off;
      if (entry.spans.length < MAX_SPANS_LISTED) entry.spans.push(i);
    }
  }
  const out: Finding[] = [];
  const reported = new Set<string>();
  for (const [h, { offset, spans }] of worst) {
    const host = table.hostNames[h]!;
    reported.add(host);
    out.push({
      type: 'clock-skew',
      spanIds: spans.map((i) => spanIdOf(facts, i)),
      services: servicesOf(facts, spans),
      summary: `clock of ${host} is about ${durationText(Math.abs(offset))} ${offset > 0 ? 'behind' : 'ahead'}: its spans in this trace were shifted by ${durationText(offset)}`,
    });
  }
  const hostsInTrace = new Map<string, number>();
  for (let i = 0; i < table.count; i++) if (!hostsInTrace.has(table.hostNames[table.host[i]!]!)) hostsInTrace.set(table.hostNames[table.host[i]!]!, i);
  // The trace is shown in its root host's time, so when an estimate measures the root host against another,
  // the other one is the one called off. A pair whose hosts were already reported is explained already.
  const rootHost = facts.tree.primaryRoot >= 0 ? table.hostNames[table.host[facts.tree.primaryRoot]!] : undefined;
  for (const raw of [...facts.hostOffsets, ...(options.hostOffsets ?? [])]) {
    const estimate = raw.host === rootHost ? { ...raw, host: raw.referenceHost, referenceHost: raw.host, offsetNs: -raw.offsetNs } : raw;
    if (!exceedsSkewThreshold(estimate, options.skewWarnNs) || reported.has(estimate.host) || reported.has(estimate.referenceHost)) continue;
    const first = hostsInTrace.get(estimate.host);
    if (first === undefined) continue;
    reported.add(estimate.host);
    out.push({
      type: 'clock-skew',
      spanIds: [spanIdOf(facts, first)],
      services: servicesOf(facts, [first]),
      summary: `clock of ${estimate.host} is ${durationText(estimate.offsetNs)} ± ${durationText(estimate.errorBoundNs)} off ${estimate.referenceHost} (${estimate.samples} call pair(s))`,
    });
  }
  return out;
}
