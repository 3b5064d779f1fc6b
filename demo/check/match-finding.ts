// Whether a finding reported by the analysis engine is the expected one. Services match by name (the
// finding lists the services involved); a cycle must list exactly the expected path; a clock-skew finding
// must point at spans of the expected host (or name it in its summary).
import type { ExpectedFinding } from '../scenarios/expected-findings';

export interface ReportedFinding {
  type: string;
  spanIds: readonly string[];
  services: readonly string[];
  summary: string;
}

export function matchesExpected(finding: ReportedFinding, expected: ExpectedFinding, hostOfSpan: (spanId: string) => string | undefined): boolean {
  if (finding.type !== expected.type) return false;
  switch (expected.type) {
    case 'root-cause-error':
    case 'timeout-cascade':
    case 'retry-storm':
      return finding.services.includes(expected.service);
    case 'service-cycle':
      return finding.services.length === expected.path.length && finding.services.every((s, i) => s === expected.path[i]);
    case 'clock-skew':
      return finding.spanIds.some((id) => hostOfSpan(id) === expected.host) || finding.summary.includes(expected.host);
  }
}
