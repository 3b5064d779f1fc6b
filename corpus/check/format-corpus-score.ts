// Text and Markdown renderings of a corpus score (the Markdown table is what docs/performance.md records).
import { totals, type CorpusScore } from './score-corpus';

const pct = (n: number, d: number): string => `${(d ? (100 * n) / d : 100).toFixed(1)}% (${n}/${d})`;

export function formatCorpusScore(score: CorpusScore, markdown: boolean): string {
  const t = totals(score);
  const rows = score.byType.map((s) => [s.type, pct(s.found, s.expected), pct(s.correct, s.reported)]);
  rows.push(['all', pct(t.found, t.expected), pct(t.correct, t.reported)]);
  const lines: string[] = [];
  if (markdown) {
    lines.push('| finding type | recall | precision |', '| --- | --- | --- |', ...rows.map((r) => `| ${r.join(' | ')} |`));
  } else {
    lines.push(`${'finding type'.padEnd(20)} ${'recall'.padEnd(18)} precision`, ...rows.map((r) => `${r[0]!.padEnd(20)} ${r[1]!.padEnd(18)} ${r[2]}`));
  }
  lines.push('', `${score.cleanTraces}/${score.traces} traces diagnosed without a miss or a false alarm`);
  lines.push(`likely cause named right in ${score.causesRight}/${score.causesExpected} traces that have one`);
  for (const c of score.cases) {
    if (c.missed.length === 0 && c.falseAlarms.length === 0 && c.wrongCause === undefined) continue;
    lines.push(`- ${c.case.system}/${c.case.scenario} ${c.case.traceId} (${c.case.file})`);
    for (const m of c.missed) lines.push(`    missed ${m.type}${m.service ? ` ${m.service}` : ''}${m.host ? ` host ${m.host}` : ''}`);
    if (c.wrongCause !== undefined) {
      lines.push(
        `    likely cause ${c.wrongCause ? `${c.wrongCause.type} ${c.wrongCause.service}` : 'none'}, expected ${c.case.cause!.type}${c.case.cause!.service ? ` ${c.case.cause!.service}` : ''}`,
      );
    }
    for (const f of c.falseAlarms) lines.push(`    false alarm${c.trapsHit.includes(f) ? ' (a documented trap)' : ''}: ${f.type} — ${f.summary}`);
  }
  return lines.join('\n');
}
