// Timeout cascades: a caller that gave up on a callee whose work was still in progress. Corrected times, so
// clock skew cannot fake one. A caller is a candidate when
// - it failed and its record does not say it got an answer (call-outcome.ts): a caller with an HTTP response
//   status or a gRPC status got a reply, so a callee span ending after it is the server finishing up (spans
//   end on the socket's close, locks are released in `finally` after replying), not an abandoned call;
// - or it was cut off by its own caller giving up: a span under a caller that gave up, marked CANCELLED or
//   ending at the abort (closer to its caller's end than to the end of its own work) — instrumentations close a server span at the
//   abort while the handler, and any call it is making, runs on (the middle level of a cascade).
// A callee is abandoned when its own span ended more than timeoutToleranceNs after the caller (clock resolution
// within one process), or never finished. When the caller's record says it timed out or was cancelled, the
// callee's work counts too — everything attached below it, as long as the callee itself was still open when
// the caller gave up — and callees closed at the abort become candidates themselves. Without such a record
// only the callee's own span is evidence: an error chain's spans all end within a few ms of each other, and
// reading the deepest overrun through every level would report each caller above it. One finding
// per caller listing the callees it abandoned; a cascade shows as one finding per level, top first.
import { isDetached } from '../span-table';
import { CallOutcome, callOutcome } from '../call-outcome';
import type { Finding } from '../finding';
import { durationText, labelOf, rootFailed, servicesOf, spanIdOf, type TraceFacts } from '../trace-facts';

const EVIDENCE_RECORDED = 1;

export function timeoutCascadeFindings(facts: TraceFacts): Finding[] {
  const { table, tree, skew, options } = facts;
  const n = table.count;
  const tolerance = options.timeoutToleranceNs;
  // Latest corrected end of each span's attached subtree (bottom-up once): the callee's work, not only its span.
  const workEnd = Float64Array.from(skew.end);
  const workUnfinished = Uint8Array.from(table.unfinished);
  for (let k = n - 1; k >= 0; k--) {
    const i = tree.order[k]!;
    const p = tree.parent[i]!;
    if (p < 0 || isDetached(table, p, i)) continue;
    if (workEnd[i]! > workEnd[p]!) workEnd[p] = workEnd[i]!;
    if (workUnfinished[i]) workUnfinished[p] = 1;
  }
  const gaveUp = new Uint8Array(n);
  const evidence = new Uint8Array(n);
  const out: Finding[] = [];
  for (let k = 0; k < n && out.length < options.maxFindingsPerType; k++) {
    const p = tree.order[k]!;
    if (table.unfinished[p] || tree.childOffsets[p + 1] === tree.childOffsets[p]) continue;
    if (!isCandidate(p)) continue;
    const abandoned: number[] = [];
    for (let c = tree.childOffsets[p]!; c < tree.childOffsets[p + 1]!; c++) {
      const child = tree.childList[c]!;
      if (isDetached(table, p, child)) continue;
      // The callee's work counts only if the callee was still waiting for it when p gave up: a callee that
      // had itself given up earlier left that work behind on its own (its own finding).
      const cutWithP = evidence[p] === EVIDENCE_RECORDED && skew.end[child]! >= skew.end[p]! - tolerance;
      const ownOverrun = skew.end[child]! - skew.end[p]! > tolerance;
      if (table.unfinished[child] || ownOverrun || (cutWithP && (workUnfinished[child] || workEnd[child]! - skew.end[p]! > tolerance))) abandoned.push(child);
    }
    if (abandoned.length === 0) continue;
    gaveUp[p] = 1;
    const first = abandoned[0]!;
    const firstEnd = evidence[p] === EVIDENCE_RECORDED ? workEnd[first]! : skew.end[first]!;
    const overrun = table.unfinished[first] || (evidence[p] === EVIDENCE_RECORDED && workUnfinished[first]) ? 'never finished' : `ran ${durationText(firstEnd - skew.end[p]!)} longer`;
    out.push({
      type: 'timeout-cascade',
      severity: rootFailed(facts) ? 'critical' : 'warning',
      // A recorded timeout or cancellation is direct evidence; an error with an overrun alone is inferred.
      confidence: evidence[p] === EVIDENCE_RECORDED ? 0.95 : 0.7,
      spanIds: [spanIdOf(facts, p), ...abandoned.map((i) => spanIdOf(facts, i))],
      services: servicesOf(facts, [p, ...abandoned]),
      summary: `${labelOf(facts, p)} ${table.error[p] ? 'failed' : 'was cut off'} after ${durationText(skew.end[p]! - skew.start[p]!)} while its callee ${labelOf(facts, first)} was still running (${overrun})${abandoned.length > 1 ? ` and ${abandoned.length - 1} more` : ''}`,
    });
  }
  return out;

  function isCandidate(p: number): boolean {
    if (table.error[p]) {
      const outcome = callOutcome(table.spans[p]!);
      if (outcome === CallOutcome.TIMED_OUT || outcome === CallOutcome.ABORTED) evidence[p] = EVIDENCE_RECORDED;
      return outcome !== CallOutcome.ANSWERED;
    }
    const q = tree.parent[p]!;
    if (q < 0 || gaveUp[q] !== 1 || evidence[q] !== EVIDENCE_RECORDED) return false;
    const outcome = callOutcome(table.spans[p]!);
    if (outcome === CallOutcome.ANSWERED) return false;
    if (outcome === CallOutcome.ABORTED || evidence[q] === EVIDENCE_RECORDED) evidence[p] = EVIDENCE_RECORDED;
    if (outcome === CallOutcome.ABORTED) return true;
    // Closed at the abort: ended when its caller gave up rather than when its own work did.
    const afterAbort = skew.end[p]! - skew.end[q]!;
    return afterAbort >= -tolerance && afterAbort < workEnd[p]! - skew.end[p]!;
  }
}
