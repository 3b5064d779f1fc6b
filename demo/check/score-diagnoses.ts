// Diagnosis accuracy per scenario. For each trace, every expected finding is either found (recall) or
// missed; every finding the engine reported of a scored type is either correct (it matches an expectation of
// that trace) or a false alarm (precision). Healthy traces expect nothing, so any scored finding there is a
// false alarm. Traces Tracehound did not have are counted as missing, not as misses.
import { SCORED_TYPES, type ExpectedFinding } from '../scenarios/expected-findings';
import { matchesExpected, type ReportedFinding } from './match-finding';

export interface DiagnosedTrace {
  scenario: string;
  expected: readonly ExpectedFinding[];
  /** null when the trace was not found. */
  findings: readonly ReportedFinding[] | null;
  hostOfSpan(spanId: string): string | undefined;
}

export interface ScenarioScore {
  scenario: string;
  traces: number;
  missing: number;
  /** Traces in which every expected finding was found. */
  fullyDiagnosed: number;
  expectedFindings: number;
  foundFindings: number;
  reportedFindings: number;
  correctFindings: number;
  recall: number;
  precision: number;
}

export function scoreDiagnoses(traces: readonly DiagnosedTrace[]): ScenarioScore[] {
  const byScenario = new Map<string, ScenarioScore>();
  for (const trace of traces) {
    let score = byScenario.get(trace.scenario);
    if (!score) {
      score = {
        scenario: trace.scenario,
        traces: 0,
        missing: 0,
        fullyDiagnosed: 0,
        expectedFindings: 0,
        foundFindings: 0,
        reportedFindings: 0,
        correctFindings: 0,
        recall: 1,
        precision: 1,
      };
      byScenario.set(trace.scenario, score);
    }
    score.traces++;
    if (!trace.findings) {
      score.missing++;
      continue;
    }
    const scored = trace.findings.filter((f) => (SCORED_TYPES as readonly string[]).includes(f.type));
    const found = trace.expected.filter((e) => scored.some((f) => matchesExpected(f, e, trace.hostOfSpan))).length;
    const correct = scored.filter((f) => trace.expected.some((e) => matchesExpected(f, e, trace.hostOfSpan))).length;
    score.expectedFindings += trace.expected.length;
    score.foundFindings += found;
    score.reportedFindings += scored.length;
    score.correctFindings += correct;
    if (found === trace.expected.length && (trace.expected.length > 0 || scored.length === 0)) score.fullyDiagnosed++;
  }
  for (const score of byScenario.values()) {
    score.recall = score.expectedFindings ? score.foundFindings / score.expectedFindings : 1;
    score.precision = score.reportedFindings ? score.correctFindings / score.reportedFindings : 1;
  }
  return [...byScenario.values()].sort((a, b) => a.scenario.localeCompare(b.scenario));
}
