// One line of the ground-truth manifest (JSONL): a request the load generator sent and what Tracehound
// should find in its trace.
import type { ExpectedFinding } from '../scenarios/expected-findings';
import type { Scenario } from '../scenarios/scenario';

export interface ManifestEntry {
  traceId: string;
  scenario: Scenario;
  /** HTTP status gateway answered (0 = no answer). */
  status: number;
  durationMs: number;
  sentAt: string;
  expected: ExpectedFinding[];
}

export function parseManifest(text: string): ManifestEntry[] {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line, index) => {
      const entry = JSON.parse(line) as ManifestEntry;
      if (typeof entry.traceId !== 'string' || typeof entry.scenario !== 'string' || !Array.isArray(entry.expected)) {
        throw new Error(`manifest line ${index + 1} is not a manifest entry`);
      }
      return entry;
    });
}
