// What the background diagnosis stores with a trace's summary: its most likely cause (type, service, one line)
// and the distinct types of its findings, in FINDING_TYPES order.
import type { TraceAnalysis } from './analyze-trace';
import { FINDING_TYPES, type FindingType } from './finding';

export interface TraceDiagnosis {
  likelyCause: { type: FindingType; service: string; spanId: string; summary: string } | null;
  findingTypes: FindingType[];
}

export function diagnosisOf(analysis: Pick<TraceAnalysis, 'findings' | 'likelyCause'>): TraceDiagnosis {
  const present = new Set(analysis.findings.map((f) => f.type));
  const cause = analysis.likelyCause;
  return {
    likelyCause: cause ? { type: cause.type, service: cause.service, spanId: cause.spanId, summary: cause.summary } : null,
    findingTypes: FINDING_TYPES.filter((t) => present.has(t)),
  };
}
