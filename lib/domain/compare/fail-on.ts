// Conditions of the `tracehound diff --fail-on` CI gate, evaluated on a pair diff (after its noise profile):
// `new-error` — B has error spans A did not; `missing-span` — spans of A are gone in B;
// `p95+PCT` — an operation present in both got slower at p95 by more than PCT percent.
import type { TraceDiff } from './trace-diff';

export type FailOn = { type: 'new-error' } | { type: 'missing-span' } | { type: 'p95'; percent: number };

export const FAIL_ON_FORMS = ['new-error', 'missing-span', 'p95+PCT'] as const;

/** null when the text is none of FAIL_ON_FORMS. */
export function parseFailOn(text: string): FailOn | null {
  if (text === 'new-error' || text === 'missing-span') return { type: text };
  const m = /^p95\+(\d+(?:\.\d+)?)%?$/.exec(text);
  return m ? { type: 'p95', percent: Number(m[1]) } : null;
}

/** Why the gate fails: one line per condition that holds, empty when none does. */
export function failedConditions(diff: TraceDiff, conditions: readonly FailOn[]): string[] {
  const out: string[] = [];
  for (const condition of conditions) {
    if (condition.type === 'new-error' && diff.summary.newErrors > 0) out.push(`new-error: ${diff.summary.newErrors} new error span(s)`);
    if (condition.type === 'missing-span' && diff.summary.spans.removed > 0) out.push(`missing-span: ${diff.summary.spans.removed} span(s) of A missing in B`);
    if (condition.type === 'p95') {
      for (const node of diff.nodes) {
        if (node.count.a === 0 || node.count.b === 0 || node.noise.includes('duration')) continue;
        const { a, b } = node.p95DurationNs;
        if (b > a * (1 + condition.percent / 100)) out.push(`p95+${condition.percent}: ${node.key} p95 ${formatMs(a)} → ${formatMs(b)}`);
      }
    }
  }
  return out;
}

function formatMs(ns: number): string {
  return `${(ns / 1e6).toFixed(3)} ms`;
}
