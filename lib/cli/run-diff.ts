// `tracehound diff [--fail-on COND]… [--noise FILE] A.json B.json`: reads two trace files (the formats of
// `analyze`), diffs their traces by path (lib/domain/compare) and prints the diff as JSON, the same document
// GET /api/compare returns. Exit codes: 0 compared; 1 a --fail-on condition holds (CI gate: "this deploy's
// trace shape changed"); 2 usage error or unreadable input.
import { readFile } from 'node:fs/promises';
import { groupByTrace } from '../domain/analysis/group-by-trace';
import { diffTraces } from '../domain/compare/diff-traces';
import { FAIL_ON_FORMS, failedConditions, parseFailOn, type FailOn } from '../domain/compare/fail-on';
import { DEFAULT_NOISE_PROFILE, type NoiseProfile } from '../domain/compare/noise-profile';
import { parseNoiseProfile } from '../domain/compare/parse-noise-profile';
import { parseTraceFile } from '../domain/formats/parse-trace-file';
import type { SpanRecord } from '../domain/model/span';
import type { CliIo } from './run-analyze';

const USAGE = `usage: tracehound diff [--fail-on COND]... [--noise PROFILE.json] A.json B.json
  COND: ${FAIL_ON_FORMS.join(', ')} (repeatable or comma-separated)
  PROFILE: a noise profile (JSON; see README, "Comparing traces")`;

export async function runDiff(args: readonly string[], io: CliIo): Promise<number> {
  const conditions: FailOn[] = [];
  const files: string[] = [];
  let noiseFile: string | undefined;
  for (let k = 0; k < args.length; k++) {
    const arg = args[k]!;
    if (arg === '--help' || arg === '-h') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const option = /^(--fail-on|--noise)(?:=(.*))?$/.exec(arg);
    if (option) {
      const value = option[2] ?? args[++k];
      if (!value) return usageError(io, `${option[1]} needs a value`);
      if (option[1] === '--noise') {
        noiseFile = value;
        continue;
      }
      for (const part of value.split(',')) {
        const condition = parseFailOn(part.trim());
        if (!condition) return usageError(io, `--fail-on ${part}: expected one of ${FAIL_ON_FORMS.join(', ')}`);
        conditions.push(condition);
      }
    } else if (arg.startsWith('-')) return usageError(io, `unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length !== 2) return usageError(io, 'diff needs two trace files');
  let noise: NoiseProfile;
  let a: SpanRecord[];
  let b: SpanRecord[];
  try {
    noise = noiseFile ? await readNoiseProfile(noiseFile) : DEFAULT_NOISE_PROFILE;
    a = await readOneTrace(files[0]!);
    b = await readOneTrace(files[1]!);
  } catch (error) {
    io.stderr(`tracehound: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const diff = diffTraces(a, b, noise);
  io.stdout(`${JSON.stringify(diff, null, 2)}\n`);
  const failed = failedConditions(diff, conditions);
  if (failed.length > 0) {
    io.stderr(failed.map((line) => `tracehound: ${line}\n`).join(''));
    return 1;
  }
  return 0;
}

async function readNoiseProfile(file: string): Promise<NoiseProfile> {
  try {
    return parseNoiseProfile(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    throw new Error(`cannot read noise profile ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function readOneTrace(file: string): Promise<SpanRecord[]> {
  let spans: SpanRecord[];
  try {
    spans = parseTraceFile(JSON.parse(await readFile(file, 'utf8'))).spans;
  } catch (error) {
    throw new Error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const traces = groupByTrace(spans);
  if (traces.length !== 1) throw new Error(`${file} holds ${traces.length} traces; diff compares one trace per file`);
  return traces[0]!;
}

function usageError(io: CliIo, message: string): number {
  io.stderr(`tracehound: ${message}\n${USAGE}\n`);
  return 2;
}
