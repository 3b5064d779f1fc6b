// Runs the analysis engine over the corpus the way `tracehound analyze` reads a file: every file parsed by
// parseTraceFile, its traces analysed together (analyzeTraces: cross-trace host offsets and cross-trace
// wait-for cycles), then each case paired with its trace's findings.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeTraces } from '@/lib/domain/analysis/analyze-traces';
import { parseTraceFile } from '@/lib/domain/formats/parse-trace-file';
import type { CorpusCase } from './corpus-case';
import type { DiagnosedCase } from './score-corpus';

export const CORPUS_DIR = path.resolve(__dirname, '..');

export function loadCases(dir = CORPUS_DIR): CorpusCase[] {
  return ['recorded-cases.json', 'hand-made-cases.json'].flatMap((name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as CorpusCase[]);
}

export function diagnoseCorpus(cases: readonly CorpusCase[], dir = CORPUS_DIR, skewWarnNs = 50e6): DiagnosedCase[] {
  const byFile = new Map<string, CorpusCase[]>();
  for (const c of cases) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);
  const out: DiagnosedCase[] = [];
  for (const [file, fileCases] of byFile) {
    const { spans } = parseTraceFile(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
    const hosts = new Map(spans.map((s) => [`${s.traceId}/${s.spanId}`, s.host.name ?? s.host.ip ?? undefined]));
    const analyses = new Map(analyzeTraces(spans, { skewWarnNs }).map((a) => [a.traceId, a]));
    for (const c of fileCases) {
      const analysis = analyses.get(c.traceId);
      out.push({ case: c, findings: analysis?.findings ?? null, likelyCause: analysis?.likelyCause ?? null, hostOfSpan: (id) => hosts.get(`${c.traceId}/${id}`) });
    }
  }
  return out;
}
