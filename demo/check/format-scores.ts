// Renders accuracy scores as a fixed-width table for the terminal, or as Markdown for docs/performance.md.
import type { ScenarioScore } from './score-diagnoses';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function rows(scores: readonly ScenarioScore[]): string[][] {
  const total = scores.reduce(
    (t, s) => ({
      traces: t.traces + s.traces,
      missing: t.missing + s.missing,
      full: t.full + s.fullyDiagnosed,
      expected: t.expected + s.expectedFindings,
      found: t.found + s.foundFindings,
      reported: t.reported + s.reportedFindings,
      correct: t.correct + s.correctFindings,
    }),
    { traces: 0, missing: 0, full: 0, expected: 0, found: 0, reported: 0, correct: 0 },
  );
  return [
    ['scenario', 'traces', 'missing', 'fully diagnosed', 'recall', 'precision'],
    ...scores.map((s) => [
      s.scenario,
      String(s.traces),
      String(s.missing),
      `${s.fullyDiagnosed}/${s.traces - s.missing}`,
      `${pct(s.recall)} (${s.foundFindings}/${s.expectedFindings})`,
      `${pct(s.precision)} (${s.correctFindings}/${s.reportedFindings})`,
    ]),
    [
      'all',
      String(total.traces),
      String(total.missing),
      `${total.full}/${total.traces - total.missing}`,
      `${pct(total.expected ? total.found / total.expected : 1)} (${total.found}/${total.expected})`,
      `${pct(total.reported ? total.correct / total.reported : 1)} (${total.correct}/${total.reported})`,
    ],
  ];
}

export function formatScoresTable(scores: readonly ScenarioScore[]): string {
  const table = rows(scores);
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  return table.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')).join('\n');
}

export function formatScoresMarkdown(scores: readonly ScenarioScore[]): string {
  const [head, ...body] = rows(scores);
  return [`| ${head!.join(' | ')} |`, `|${head!.map(() => ' --- ').join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
