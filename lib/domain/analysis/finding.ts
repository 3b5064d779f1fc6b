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

export interface Finding {
  type: FindingType;
  spanIds: string[];
  services: string[];
  summary: string;
}

export function isFindingType(value: string): value is FindingType {
  return (FINDING_TYPES as readonly string[]).includes(value);
}
