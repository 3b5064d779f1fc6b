// A finding: one thing worth an investigator's attention, with the spans and services involved and a
// one-line summary. Types are fixed; the CLI's --fail-on and the UI's filters use these names.
export const FINDING_TYPES = [
  'root-cause-error',
  'error-propagation',
  'timeout-cascade',
  'retry-storm',
  'latency-hotspot',
  'fan-out-burst',
  'n-plus-one',
  'service-cycle',
  'wait-for-cycle',
  'missing-parent',
  'clock-skew',
] as const;

export type FindingType = (typeof FINDING_TYPES)[number];

/**
 * How much a finding matters for the request: `critical` — it explains a failed request or a deadlock;
 * `warning` — the request was degraded (slow, retried, repeated calls) or its timeline is distorted (skew);
 * `info` — context: a chain of callers, a failure that was recovered, a cycle in the call graph.
 */
export type Severity = 'critical' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

export interface Finding {
  type: FindingType;
  severity: Severity;
  /**
   * How sure the rule is, 0..1: direct evidence in the spans (an error status on a leaf, a recorded timeout,
   * a gRPC DEADLINE_EXCEEDED) scores high; inference from timing alone (an overrun without a recorded
   * timeout, a clock moved to fit) lower. Documented per rule in docs/analysis.md.
   */
  confidence: number;
  spanIds: string[];
  services: string[];
  summary: string;
}

export function isFindingType(value: string): value is FindingType {
  return (FINDING_TYPES as readonly string[]).includes(value);
}
