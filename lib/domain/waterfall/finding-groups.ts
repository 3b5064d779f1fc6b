// The trace page's findings list: identical findings (a retry loop raises the same root-cause line five times)
// become one group with a count, and groups are ordered by severity so a failure is never below context.
import type { WaterfallFinding } from './waterfall-data';

export type FindingSeverity = 'critical' | 'warning' | 'info';

export interface FindingGroup {
  type: string;
  severity: FindingSeverity;
  summary: string;
  count: number;
  /** The first finding of the group (its spans are linked; "Add to investigation" takes it). */
  first: WaterfallFinding;
  /** Every span of every finding in the group, first occurrences first, without repeats. */
  spanIds: string[];
}

const RANK: Record<FindingSeverity, number> = { critical: 0, warning: 1, info: 2 };

/** A finding from an older analysis (no severity) counts as a warning: neither hidden nor alarming. */
export function severityOf(f: Pick<WaterfallFinding, 'severity'>): FindingSeverity {
  return f.severity === 'critical' || f.severity === 'info' ? f.severity : 'warning';
}

export function groupFindings(findings: readonly WaterfallFinding[]): FindingGroup[] {
  const byKey = new Map<string, FindingGroup & { seen: Set<string>; at: number }>();
  findings.forEach((f, at) => {
    const severity = severityOf(f);
    const key = `${f.type}\u0000${severity}\u0000${f.summary}`;
    let group = byKey.get(key);
    if (!group) {
      group = { type: f.type, severity, summary: f.summary, count: 0, first: f, spanIds: [], seen: new Set(), at };
      byKey.set(key, group);
    }
    group.count++;
    for (const id of f.spanIds) {
      if (!group.seen.has(id)) {
        group.seen.add(id);
        group.spanIds.push(id);
      }
    }
  });
  return [...byKey.values()].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.at - b.at).map(({ seen: _seen, at: _at, ...group }) => group);
}

export interface SeverityCounts {
  critical: number;
  warning: number;
  info: number;
}

export function countBySeverity(findings: readonly WaterfallFinding[]): SeverityCounts {
  const counts: SeverityCounts = { critical: 0, warning: 0, info: 0 };
  for (const f of findings) counts[severityOf(f)]++;
  return counts;
}
