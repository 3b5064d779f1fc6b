// Whether a reported finding is the expected one (see corpus-case.ts for what each field names). Stricter
// than "the finding mentions the service": a timeout cascade must be about the caller that gave up, a root
// cause about the failing span's service, so one finding cannot satisfy two expectations at different levels.
import type { Finding } from '@/lib/domain/analysis';
import type { ExpectedFinding } from './corpus-case';

export function matchesExpectation(finding: Finding, expected: ExpectedFinding, hostOfSpan: (spanId: string) => string | undefined): boolean {
  if (finding.type !== expected.type) return false;
  if (expected.host !== undefined && !finding.spanIds.some((id) => hostOfSpan(id) === expected.host)) return false;
  if (expected.path !== undefined && (finding.services.length !== expected.path.length || finding.services.some((s, i) => s !== expected.path![i]))) return false;
  if (expected.service === undefined) return true;
  switch (finding.type) {
    case 'root-cause-error':
    case 'timeout-cascade':
    case 'latency-hotspot':
      return finding.services[0] === expected.service;
    default:
      return finding.services.includes(expected.service);
  }
}
