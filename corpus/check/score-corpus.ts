// Precision and recall of the analysis engine on the corpus, per finding type. For each case, every
// expected finding is found or missed (recall); every reported finding of a scored type either matches an
// expectation of that case (correct) or is a false alarm (precision). error-propagation is not scored: it
// restates each root cause's chain of callers and is right whenever the root cause is.
import type { Finding, LikelyCause } from '@/lib/domain/analysis';
import type { CorpusCase, ExpectedFinding } from './corpus-case';
import { matchesExpectation } from './expectation-match';

export const UNSCORED_TYPES: readonly string[] = ['error-propagation'];

export interface DiagnosedCase {
  case: CorpusCase;
  /** null when the trace was not in its file. */
  findings: readonly Finding[] | null;
  likelyCause?: LikelyCause | null;
  hostOfSpan(spanId: string): string | undefined;
}

export interface TypeScore {
  type: string;
  expected: number;
  found: number;
  reported: number;
  correct: number;
}

export interface CaseOutcome {
  case: CorpusCase;
  missed: ExpectedFinding[];
  falseAlarms: Finding[];
  /** False alarms that are one of the case's documented traps. */
  trapsHit: Finding[];
  /** The likely cause named, when the case expects one and it was not it. */
  wrongCause?: LikelyCause | null;
}

export interface CorpusScore {
  byType: TypeScore[];
  cases: CaseOutcome[];
  traces: number;
  cleanTraces: number;
  /** Cases that expect a likely cause, and those where the engine named it. */
  causesExpected: number;
  causesRight: number;
}

export function scoreCorpus(diagnosed: readonly DiagnosedCase[]): CorpusScore {
  const byType = new Map<string, TypeScore>();
  const score = (type: string): TypeScore => {
    let s = byType.get(type);
    if (!s) byType.set(type, (s = { type, expected: 0, found: 0, reported: 0, correct: 0 }));
    return s;
  };
  const cases: CaseOutcome[] = [];
  let causesExpected = 0;
  let causesRight = 0;
  for (const d of diagnosed) {
    const findings = (d.findings ?? []).filter((f) => !UNSCORED_TYPES.includes(f.type));
    const missed: ExpectedFinding[] = [];
    for (const e of d.case.expect) {
      const s = score(e.type);
      s.expected++;
      if (findings.some((f) => matchesExpectation(f, e, d.hostOfSpan))) s.found++;
      else missed.push(e);
    }
    const falseAlarms: Finding[] = [];
    for (const f of findings) {
      const expected = d.case.expect.some((e) => matchesExpectation(f, e, d.hostOfSpan));
      const forbidden = d.case.forbid.some((e) => matchesExpectation(f, e, d.hostOfSpan));
      if (!expected && !forbidden && (d.case.allow ?? []).some((e) => matchesExpectation(f, e, d.hostOfSpan))) continue;
      const s = score(f.type);
      s.reported++;
      if (expected) s.correct++;
      else falseAlarms.push(f);
    }
    const trapsHit = falseAlarms.filter((f) => d.case.forbid.some((e) => matchesExpectation(f, e, d.hostOfSpan)));
    if (d.findings === null) missed.push(...d.case.expect.filter((e) => !missed.includes(e)));
    const outcome: CaseOutcome = { case: d.case, missed, falseAlarms, trapsHit };
    if (d.case.cause) {
      causesExpected++;
      const c = d.likelyCause;
      if (c && c.type === d.case.cause.type && (d.case.cause.service === undefined || c.service === d.case.cause.service)) causesRight++;
      else outcome.wrongCause = c ?? null;
    }
    cases.push(outcome);
  }
  return {
    byType: [...byType.values()].sort((a, b) => a.type.localeCompare(b.type)),
    cases,
    traces: diagnosed.length,
    cleanTraces: cases.filter((c) => c.missed.length === 0 && c.falseAlarms.length === 0).length,
    causesExpected,
    causesRight,
  };
}

export function totals(score: CorpusScore): { recall: number; precision: number; expected: number; found: number; reported: number; correct: number } {
  const sum = (k: 'expected' | 'found' | 'reported' | 'correct') => score.byType.reduce((n, t) => n + t[k], 0);
  const expected = sum('expected');
  const found = sum('found');
  const reported = sum('reported');
  const correct = sum('correct');
  return { expected, found, reported, correct, recall: expected ? found / expected : 1, precision: reported ? correct / reported : 1 };
}
