// Which analysis findings the faulted traces show against clean traces of the same routes: per finding type,
// how many faulted / clean traces have it and one faulted example. `onlyFaulted` = it appeared under the
// fault (e.g. a timeout-cascade rooted where the fault was injected).
import type { Finding, FindingType } from '../analysis/finding';

export interface FindingComparison {
  type: FindingType;
  faultedTraces: number;
  cleanTraces: number;
  onlyFaulted: boolean;
  example: { traceId: string; summary: string; services: string[] } | null;
}

export function compareFindings(faulted: ReadonlyMap<string, readonly Finding[]>, clean: ReadonlyMap<string, readonly Finding[]>): FindingComparison[] {
  const rows = new Map<FindingType, FindingComparison>();
  const row = (type: FindingType) => rows.get(type) ?? rows.set(type, { type, faultedTraces: 0, cleanTraces: 0, onlyFaulted: false, example: null }).get(type)!;
  for (const [traceId, findings] of faulted) {
    for (const type of new Set(findings.map((f) => f.type))) {
      const r = row(type);
      r.faultedTraces++;
      if (!r.example) {
        const f = findings.find((x) => x.type === type)!;
        r.example = { traceId, summary: f.summary, services: f.services };
      }
    }
  }
  for (const findings of clean.values()) for (const type of new Set(findings.map((f) => f.type))) row(type).cleanTraces++;
  return [...rows.values()]
    .map((r) => ({ ...r, onlyFaulted: r.faultedTraces > 0 && r.cleanTraces === 0 }))
    .sort((a, b) => Number(b.onlyFaulted) - Number(a.onlyFaulted) || b.faultedTraces - a.faultedTraces || a.type.localeCompare(b.type));
}
