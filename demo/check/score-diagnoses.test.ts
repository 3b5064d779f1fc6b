import { describe, expect, it } from 'vitest';
import { scoreDiagnoses, type DiagnosedTrace } from './score-diagnoses';

const hosts: Record<string, string> = { a1: 'pay-02', b1: 'edge-01' };
const hostOfSpan = (id: string) => hosts[id];

function trace(partial: Partial<DiagnosedTrace> & Pick<DiagnosedTrace, 'scenario'>): DiagnosedTrace {
  return { expected: [], findings: [], hostOfSpan, ...partial };
}

describe('scoreDiagnoses', () => {
  it('counts found expectations for recall and correct reports for precision', () => {
    const [score] = scoreDiagnoses([
      trace({
        scenario: 'slow-payment',
        expected: [
          { type: 'timeout-cascade', service: 'payment' },
          { type: 'root-cause-error', service: 'gateway' },
        ],
        findings: [
          { type: 'timeout-cascade', spanIds: [], services: ['gateway', 'payment'], summary: '' },
          { type: 'root-cause-error', spanIds: [], services: ['inventory'], summary: '' },
          { type: 'latency-hotspot', spanIds: [], services: ['payment'], summary: '' },
        ],
      }),
    ]);
    expect(score).toMatchObject({ traces: 1, expectedFindings: 2, foundFindings: 1, reportedFindings: 2, correctFindings: 1, fullyDiagnosed: 0 });
    expect(score!.recall).toBe(0.5);
    expect(score!.precision).toBe(0.5);
  });

  it('requires the exact cycle path and the skewed host', () => {
    const scores = scoreDiagnoses([
      trace({
        scenario: 'cycle',
        expected: [{ type: 'service-cycle', path: ['inventory', 'pricing', 'inventory'] }],
        findings: [{ type: 'service-cycle', spanIds: [], services: ['gateway', 'inventory', 'pricing'], summary: '' }],
      }),
      trace({
        scenario: 'skew',
        expected: [{ type: 'clock-skew', host: 'pay-02', offsetMs: 250 }],
        findings: [{ type: 'clock-skew', spanIds: ['a1'], services: ['payment'], summary: 'clock of x' }],
      }),
    ]);
    expect(scores.map((s) => [s.scenario, s.recall, s.precision])).toEqual([
      ['cycle', 0, 0],
      ['skew', 1, 1],
    ]);
  });

  it('treats any scored finding on a healthy trace as a false alarm and counts missing traces apart', () => {
    const [score] = scoreDiagnoses([
      trace({ scenario: 'healthy', findings: [] }),
      trace({ scenario: 'healthy', findings: [{ type: 'clock-skew', spanIds: ['b1'], services: ['gateway'], summary: '' }] }),
      trace({ scenario: 'healthy', findings: null }),
    ]);
    expect(score).toMatchObject({ traces: 3, missing: 1, fullyDiagnosed: 1, reportedFindings: 1, correctFindings: 0 });
    expect(score!.precision).toBe(0);
    expect(score!.recall).toBe(1);
  });
});
