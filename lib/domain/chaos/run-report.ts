// A finished (or running) chaos run as a Markdown report: hypothesis, method, verdict, indicators, findings,
// operations, example traces and the journal. Untrusted text (span names, summaries, selections) goes into
// code spans or escaped table cells, so the report renders as the data it is.
import type { RunResult } from './run-result';

const cell = (text: string) =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
const code = (text: string) => `\`${text.replace(/`/g, "'").replace(/[\r\n]+/g, ' ')}\``;
const num = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(digits));

export function runReportMarkdown(run: RunResult, traceUrl: (traceId: string) => string): string {
  const d = run.definition;
  const lines = [
    `# Chaos run: ${cell(d.name)}`,
    '',
    `- Run: ${code(run.id)}${run.dryRun ? ' (dry run)' : ''}`,
    `- Status: **${run.status}**${run.abortReason ? ` — ${cell(run.abortReason)}` : ''}`,
    `- Started by ${cell(run.startedBy)} at ${run.createdAt}; duration ${d.durationSeconds} s`,
    `- Faulted requests: ${run.traces.faultedRequests}`,
    '',
    `**Verdict:** ${cell(run.verdict ?? 'pending')}`,
    '',
    '## Method',
    '',
    ...d.method.map(
      (s) => `- ${code(s.fault.type)} on ${code(`${s.agent}/${s.route}`)} from +${s.startOffsetSeconds} s${s.durationSeconds ? ` for ${s.durationSeconds} s` : ''}: ${code(JSON.stringify(s.fault))}`,
    ),
    '',
    '## Steady-state indicators',
    '',
    '| Indicator | Selection | Before | During | After |',
    '| --- | --- | --- | --- | --- |',
    ...d.hypothesis.indicators.map(
      (x, i) =>
        `| ${cell(x.name)} (${x.metric}) | ${code(x.selection)} | ${num(run.indicators.before?.[i]?.value)} | ${num(run.indicators.during?.[i]?.value)} | ${num(run.indicators.after?.[i]?.value)} |`,
    ),
    '',
    '## Findings (faulted vs clean traces)',
    '',
    '| Finding | Faulted | Clean | Example |',
    '| --- | --- | --- | --- |',
    ...run.findings.map(
      (f) =>
        `| ${f.type}${f.onlyFaulted ? ' (only under the fault)' : ''} | ${f.faultedTraces} | ${f.cleanTraces} | ${f.example ? `[${cell(f.example.summary)}](${traceUrl(f.example.traceId)})` : '—'} |`,
    ),
    '',
    '## Operations before vs during',
    '',
    '| Operation | Count | Error rate | p95 (ms) |',
    '| --- | --- | --- | --- |',
    ...run.comparison
      .slice(0, 30)
      .map(
        (o) =>
          `| ${cell(`${o.service}: ${o.name}`)}${o.onlyDuring ? ' (only under the fault)' : ''} | ${o.before?.count ?? 0} → ${o.during?.count ?? 0} | ${num(o.before?.errorRate)} → ${num(o.during?.errorRate)} | ${num(o.before?.p95Ms, 1)} → ${num(o.during?.p95Ms, 1)} |`,
      ),
    '',
    '## Example traces',
    '',
    ...run.traces.faulted.slice(0, 10).map((id) => `- faulted: [${id}](${traceUrl(id)})`),
    ...run.traces.clean.slice(0, 10).map((id) => `- clean: [${id}](${traceUrl(id)})`),
    '',
    '## Journal',
    '',
    ...run.journal.map((j) => `- ${j.at} ${j.step} (${j.status})`),
    '',
  ];
  return lines.join('\n');
}
