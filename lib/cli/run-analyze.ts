// `tracehound analyze [--fail-on TYPE] FILE`: reads an OTLP JSON export, a Jaeger JSON trace or a Zipkin v2
// span array, analyses every trace in it and prints the JSON report to stdout. When the file holds several
// traces, host clock offsets estimated across all of them are applied to each, and wait-for cycles across
// traces (span links) are reported (see docs/analysis.md).
// Exit codes: 0 analysed; 1 a finding of the --fail-on type exists (for CI); 2 usage error or unreadable input.
import { readFile } from 'node:fs/promises';
import { analyzeTraces } from '../domain/analysis/analyze-traces';
import { traceReport } from '../domain/analysis/analysis-report';
import { FINDING_TYPES, isFindingType, type FindingType } from '../domain/analysis/finding';
import { parseTraceFile } from '../domain/formats/parse-trace-file';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
}

const USAGE = `usage: tracehound analyze [--fail-on TYPE] FILE\n  TYPE: ${FINDING_TYPES.join(', ')}\n  env SKEW_WARN_MS: clock-skew finding threshold in ms (default 50)`;

export async function runAnalyze(args: readonly string[], io: CliIo): Promise<number> {
  let failOn: FindingType | undefined;
  const files: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const arg = args[k]!;
    if (arg === '--help' || arg === '-h') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (arg === '--fail-on' || arg.startsWith('--fail-on=')) {
      const value = arg === '--fail-on' ? args[++k] : arg.slice('--fail-on='.length);
      if (!value || !isFindingType(value)) {
        io.stderr(`tracehound: --fail-on needs a finding type, one of: ${FINDING_TYPES.join(', ')}\n`);
        return 2;
      }
      failOn = value;
    } else if (arg.startsWith('-')) {
      io.stderr(`tracehound: unknown option ${arg}\n${USAGE}\n`);
      return 2;
    } else {
      files.push(arg);
    }
  }
  if (files.length !== 1) {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
  const skewWarnMs = io.env.SKEW_WARN_MS ? Number(io.env.SKEW_WARN_MS) : 50;
  if (!Number.isFinite(skewWarnMs) || skewWarnMs <= 0) {
    io.stderr('tracehound: SKEW_WARN_MS must be a positive number of milliseconds\n');
    return 2;
  }
  const file = files[0]!;
  let parsed: ReturnType<typeof parseTraceFile>;
  try {
    parsed = parseTraceFile(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    io.stderr(`tracehound: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  // With several traces in the file, their CLIENT→SERVER pairs together pin host clocks down better than any
  // one trace, and span links between them can close a wait-for cycle no single trace shows (analyze-traces.ts).
  const traces = analyzeTraces(parsed.spans, { skewWarnNs: skewWarnMs * 1e6 }).map(traceReport);
  io.stdout(`${JSON.stringify({ traces }, null, 2)}\n`);
  if (failOn && traces.some((t) => t.findings.some((f) => f.type === failOn))) {
    io.stderr(`tracehound: found ${failOn}\n`);
    return 1;
  }
  return 0;
}
