// `npm run demo:check -- [MANIFEST] [--target URL] [--token T] [--markdown] [--skew-warn-ms MS]` (token: a viewer API
// token, default $TRACEHOUND_TOKEN)
// Reads the ground-truth manifest written by `npm run demo`, fetches each trace back from Tracehound
// (GET /api/traces/{id}), runs the analysis engine on it, and prints per scenario how many expected
// findings were found (recall) and how many reported findings were right (precision).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeTrace } from '../lib/domain/analysis';
import { formatScoresMarkdown, formatScoresTable } from './check/format-scores';
import { scoreDiagnoses, type DiagnosedTrace } from './check/score-diagnoses';
import { fetchStoredTrace, toStoredSpans } from './check/stored-trace';
import { parseManifest, type ManifestEntry } from './load/manifest-entry';

const CONCURRENCY = 6;
const DEFAULT_MANIFEST = path.join('.data', 'demo-manifest.jsonl');

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      target: { type: 'string', default: process.env.TRACEHOUND_URL ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}` },
      token: { type: 'string', default: process.env.TRACEHOUND_TOKEN },
      markdown: { type: 'boolean', default: false },
      'skew-warn-ms': { type: 'string', default: process.env.SKEW_WARN_MS ?? '50' },
      verbose: { type: 'boolean', default: false },
    },
  });
  // Default: the manifest `npm run demo` just wrote.
  const file = positionals[0] ?? DEFAULT_MANIFEST;
  if (!existsSync(file)) throw new Error(`no manifest at ${file}: run \`npm run demo\` first, or: npm run demo:check -- MANIFEST [--target URL] [--token T] [--markdown]`);
  const entries = parseManifest(readFileSync(file, 'utf8'));
  const skewWarnNs = Number(values['skew-warn-ms']) * 1e6;
  const diagnosed: DiagnosedTrace[] = new Array(entries.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < entries.length; i = next++) diagnosed[i] = await diagnose(values.target, values.token, entries[i]!, skewWarnNs, values.verbose);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const scores = scoreDiagnoses(diagnosed);
  console.log(values.markdown ? formatScoresMarkdown(scores) : formatScoresTable(scores));
}

async function diagnose(target: string, token: string | undefined, entry: ManifestEntry, skewWarnNs: number, verbose: boolean): Promise<DiagnosedTrace> {
  const payload = await fetchStoredTrace(target, entry.traceId, token);
  if (!payload) return { scenario: entry.scenario, expected: entry.expected, findings: null, hostOfSpan: () => undefined };
  const spans = toStoredSpans(payload);
  const hosts = new Map(spans.map((s) => [s.spanId, s.host.name ?? undefined]));
  const { findings } = analyzeTrace(spans, { skewWarnNs });
  if (verbose) {
    console.log(`${entry.scenario} ${entry.traceId}: ${findings.map((f) => `${f.type}[${f.services.join(',')}]`).join(' ') || 'no findings'}`);
  }
  return { scenario: entry.scenario, expected: entry.expected, findings, hostOfSpan: (id) => hosts.get(id) };
}

main().catch((error: unknown) => {
  console.error(`[demo:check] ${(error as Error).message}`);
  process.exit(1);
});
