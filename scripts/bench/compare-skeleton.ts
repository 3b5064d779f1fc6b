// `npm run bench:compare-skeleton`: CPU of the /compare page worker's sequence on two 100k-span traces, from
// the binary skeletons the server sends (issue #16): decode both, build the diff's input, traceShape ×2,
// diffPair, compareView. Two ways, side by side in the same run:
//   old  spansFromSkeleton (AnalysisSpan objects with hex ids and bigint times) then traceShape;
//   new  traceShapeFromSkeleton (the span table and tree straight from the columns and id words).
// Each measurement is COLD: the first run in a fresh process (a worker diffs once per page), so every run is
// its own child process, old and new interleaved; the medians are printed with the load average. The traces
// are bench:compare's (generateTraceChunks, trace B with renamed operations and new errors), written once as
// skeleton bodies (the server's row writer) under .cache/. The children also check that both ways give the
// same document (traceDiffOf, JSON), after the measurement.
// Env: BENCH_RUNS (5 per way); BENCH_PROFILE=1 writes each child's CPU profile of the measured sequence to
// .cache/bench-compare-skeleton/<way>-<run>.cpuprofile (the numbers then include the profiler's overhead).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { ATTRIBUTES_OF_INTEREST, type TraceAttributesOfInterest } from '../../lib/domain/compare/attributes-of-interest';
import { compareView } from '../../lib/domain/compare/compare-rows';
import { traceDiffOf } from '../../lib/domain/compare/diff-traces';
import { diffPair } from '../../lib/domain/compare/pair-diff';
import { spansFromSkeleton } from '../../lib/domain/compare/spans-from-skeleton';
import { traceShape, type TraceShape } from '../../lib/domain/compare/trace-shape';
import { traceShapeFromSkeleton } from '../../lib/domain/compare/trace-shape-from-skeleton';
import { StatusCode, type SpanRecord } from '../../lib/domain/model/span';
import { decodeSkeleton } from '../../lib/domain/waterfall/skeleton-binary';
import type { SkeletonColumns } from '../../lib/domain/waterfall/skeleton-columns';
import { generateTraceChunks } from './generate-trace';
import { skeletonBody } from './skeleton-body';

const SIZE = 100_000;
const A = 'ca'.padEnd(32, '0').slice(0, 30) + '0a';
const B = 'cb'.padEnd(32, '0').slice(0, 30) + '0b';
const CACHE = path.resolve('.cache/bench-compare-skeleton');
const runs = Number(process.env.BENCH_RUNS ?? 5);
type Way = 'old' | 'new';

/** Trace B: trace A's shape with some operations renamed and new errors (as bench:compare). */
function traceSpans(side: 'a' | 'b', start: bigint): SpanRecord[] {
  const spans = [...generateTraceChunks(side === 'a' ? A : B, SIZE, start, 5000)].flat();
  if (side === 'b')
    spans.forEach((span, i) => {
      if (i % 997 === 500) span.name = `${span.name} v2`;
      if (i % 1999 === 7) span.statusCode = StatusCode.ERROR;
    });
  return spans;
}

/** The skeleton body GET /api/traces/{id}/spans?view=skeleton sends, and the attributes of interest. */
async function encode(traceId: string, spans: SpanRecord[]): Promise<{ body: Buffer; interest: TraceAttributesOfInterest }> {
  const body = await skeletonBody(traceId, () => [spans]);
  const interest: TraceAttributesOfInterest = { traceId, spans: [] };
  for (const s of spans) {
    const kept = Object.entries(s.attributes).filter(([key]) => ATTRIBUTES_OF_INTEREST.includes(key));
    if (kept.length > 0) interest.spans.push([s.spanId, s.startTimeUnixNano.toString(), Object.fromEntries(kept)]);
  }
  return { body, interest };
}

function ms(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** One cold measurement in this (fresh) process; prints its numbers as JSON. */
async function child(way: Way, run: string): Promise<void> {
  const bytes = { a: new Uint8Array(readFileSync(path.join(CACHE, 'a.bin'))), b: new Uint8Array(readFileSync(path.join(CACHE, 'b.bin'))) };
  const interest = JSON.parse(readFileSync(path.join(CACHE, 'interest.json'), 'utf8')) as { a: TraceAttributesOfInterest; b: TraceAttributesOfInterest };
  const shapeOf = (skeleton: SkeletonColumns, side: 'a' | 'b'): TraceShape =>
    way === 'old' ? traceShape(spansFromSkeleton(skeleton, interest[side])) : traceShapeFromSkeleton(skeleton, interest[side]);
  const session = process.env.BENCH_PROFILE === '1' ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const total = process.cpuUsage();
  let step = process.cpuUsage();
  const skeletonA = decodeSkeleton(bytes.a);
  const skeletonB = decodeSkeleton(bytes.b);
  const decodeMs = ms(step);
  step = process.cpuUsage();
  const shapeA = shapeOf(skeletonA, 'a');
  const shapeB = shapeOf(skeletonB, 'b');
  const shapesMs = ms(step);
  step = process.cpuUsage();
  const diff = diffPair(shapeA, shapeB);
  const view = compareView(diff);
  const diffMs = ms(step);
  const totalMs = ms(total);
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(path.join(CACHE, `${way}-${run}.cpuprofile`), JSON.stringify(profile));
  }
  // After the measurement: the document both ways must give, as a digest compared across processes.
  const digest = createHash('sha256')
    .update(JSON.stringify(traceDiffOf(diff)))
    .digest('hex')
    .slice(0, 16);
  console.log(JSON.stringify({ way, totalMs, decodeMs, shapesMs, diffMs, rows: view.rows.count, digest }));
}

interface Measured {
  way: Way;
  totalMs: number;
  decodeMs: number;
  shapesMs: number;
  diffMs: number;
  rows: number;
  digest: string;
}

function median(values: number[]): number {
  const s = [...values].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function main(): Promise<void> {
  mkdirSync(CACHE, { recursive: true });
  const start = BigInt(Date.now()) * 1_000_000n;
  const a = await encode(A, traceSpans('a', start));
  const b = await encode(B, traceSpans('b', start));
  writeFileSync(path.join(CACHE, 'a.bin'), a.body);
  writeFileSync(path.join(CACHE, 'b.bin'), b.body);
  writeFileSync(path.join(CACHE, 'interest.json'), JSON.stringify({ a: a.interest, b: b.interest }));
  console.log(`two ${SIZE.toLocaleString('en')}-span skeletons: ${(a.body.length / 1e6).toFixed(1)} + ${(b.body.length / 1e6).toFixed(1)} MB; ${runs} cold processes per way, interleaved`);
  const results: Measured[] = [];
  const loads: number[] = [];
  for (let r = 0; r < runs; r++) {
    for (const way of r % 2 ? (['new', 'old'] as const) : (['old', 'new'] as const)) {
      loads.push(loadavg()[0]!);
      const out = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, 'child', way, String(r + 1)], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(`child ${way} failed: ${out.stderr}`);
      const m = JSON.parse(out.stdout.trim().split('\n').pop()!) as Measured;
      results.push(m);
      console.log(
        `  run ${r + 1} ${way}: total ${m.totalMs.toFixed(0)} ms cpu (decode ${m.decodeMs.toFixed(0)}, input + traceShape ×2 ${m.shapesMs.toFixed(0)}, diffPair + compareView ${m.diffMs.toFixed(0)}) load ${loadavg()[0]!.toFixed(1)}`,
      );
    }
  }
  const of = (way: Way, key: 'totalMs' | 'decodeMs' | 'shapesMs' | 'diffMs') =>
    median(results.filter((m) => m.way === way).map((m) => m[key]))
      .toFixed(0)
      .padStart(6);
  console.log(`\nmedian CPU ms of ${runs} cold processes   old      new`);
  console.log(`  decode both skeletons           ${of('old', 'decodeMs')}   ${of('new', 'decodeMs')}`);
  console.log(`  input + traceShape ×2           ${of('old', 'shapesMs')}   ${of('new', 'shapesMs')}`);
  console.log(`  diffPair + compareView          ${of('old', 'diffMs')}   ${of('new', 'diffMs')}`);
  console.log(`  total                           ${of('old', 'totalMs')}   ${of('new', 'totalMs')}`);
  const digests = new Set(results.map((m) => m.digest));
  console.log(
    `documents: ${digests.size === 1 ? 'identical' : 'DIFFER'} (${[...digests].join(', ')}), ${results[0]!.rows} rows; load average during the runs ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`,
  );
  if (digests.size !== 1) process.exitCode = 1;
}

(process.argv[2] === 'child' ? child(process.argv[3] === 'new' ? 'new' : 'old', process.argv[4] ?? '1') : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
