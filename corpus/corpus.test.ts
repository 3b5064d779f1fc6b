// The analysis engine on the corpus (traces it was not tuned on: real SDK jitter, other topologies, gRPC,
// queues, Zipkin shared spans, Jaeger): every expected finding found and nothing else reported. On failure the
// message is the scorer's own report, naming each miss and false alarm by trace.
import { describe, expect, it } from 'vitest';
import { diagnoseCorpus, loadCases } from './check/diagnose-corpus';
import { formatCorpusScore } from './check/format-corpus-score';
import { scoreCorpus, totals } from './check/score-corpus';

describe('analysis corpus', () => {
  it('is diagnosed with full recall and precision', () => {
    const cases = loadCases();
    expect(new Set(cases.map((c) => c.system)).size).toBeGreaterThanOrEqual(4);
    const score = scoreCorpus(diagnoseCorpus(cases));
    const report = formatCorpusScore(score, false);
    const t = totals(score);
    expect({ found: t.found, correct: t.correct, clean: score.cleanTraces, causes: score.causesRight }, report).toEqual({
      found: t.expected,
      correct: t.reported,
      clean: score.traces,
      causes: score.causesExpected,
    });
    expect(score.causesExpected).toBeGreaterThan(15);
    expect(t.expected).toBeGreaterThan(50);
  });
});
