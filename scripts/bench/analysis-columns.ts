// `npm run bench:analysis-columns`: CPU of the trace page worker's analysis (analyzeStore with
// waterfallAnalyzer(null), what runs after the first rows are shown) on a 500k-span trace (issue #22), two ways:
//   old  the span path: toAnalysisSpans' objects (hex ids, bigint times) → analyzeTrace;
//   new  analyzeSkeleton: the span table and parent links straight from the skeleton's columns.
// The trace is bench:ui's (generate-trace.ts) as the binary skeleton the server sends (skeleton-body.ts),
// written once under .cache/; each child decodes it and builds the store (buildWaterfall(skeleton, null)) before
// the measurement. Each measurement is COLD, the first analysis in a fresh process (the worker analyses a trace
// once), so every run is its own child process, old and new interleaved; medians are printed with the load
// average. Children check after the measurement that both ways give the same patch (digest of its arrays and
// JSON). Then one more cold child per way times the stages: input objects / table / parents + tree / the rest
// of the engine (analyzeStore's own mapping of the result is the difference to a whole run).
// Env: BENCH_SPANS (500000), BENCH_RUNS (5 per way).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { waterfallAnalyzer } from '../../lib/client/trace-worker/analyze-for-waterfall';
import { analyzeTableAndTree } from '../../lib/domain/analysis/analyze-trace';
import { buildSpanTable } from '../../lib/domain/analysis/span-table';
import { buildSpanTree, spanTreeFromParents } from '../../lib/domain/analysis/span-tree';
import { NO_INTEREST } from '../../lib/domain/compare/interest-by-id-words';
import { identitySpanOrder } from '../../lib/domain/compare/skeleton-span-order';
import { spanParentsByWords } from '../../lib/domain/compare/span-parents-by-words';
import { spanTableFromSkeleton } from '../../lib/domain/compare/span-table-from-skeleton';
import { analyzeSkeleton, analyzeSkeletonSpans, TRACE_PAGE_SPAN_DEFAULTS } from '../../lib/domain/waterfall/analyze-skeleton';
import { analyzeStore, buildWaterfall, toAnalysisSpans, type AnalysisInput, type AnalysisPatch } from '../../lib/domain/waterfall/build-waterfall';
import { decodeSkeleton } from '../../lib/domain/waterfall/skeleton-binary';
import { generateTraceChunks } from './generate-trace';
import { skeletonBody } from './skeleton-body';

const SIZE = Number(process.env.BENCH_SPANS ?? 500_000);
const TRACE_ID = 'c0'.padEnd(30, '0') + '22';
const CACHE = path.resolve('.cache/bench-analysis-columns');
const FILE = path.join(CACHE, `trace-${SIZE}.bin`);
const runs = Number(process.env.BENCH_RUNS ?? 5);
type Way = 'old' | 'new';

function ms(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function digestOf(patch: AnalysisPatch): string {
  const hash = createHash('sha256');
  for (const a of [patch.correctedStart, patch.correctedEnd, patch.flags, patch.pathOffset, patch.pathSegments, patch.skewReasonCode])
    hash.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  const { findings, likelyCause, skewReasonLabels, crossTrace, criticalSegmentCount, movedSpanCount, analysisError } = patch;
  hash.update(JSON.stringify({ findings, likelyCause, skewReasonLabels, crossTrace, criticalSegmentCount, movedSpanCount, analysisError }));
  return hash.digest('hex').slice(0, 16);
}

function storeOf() {
  const skeleton = decodeSkeleton(new Uint8Array(readFileSync(FILE)));
  return buildWaterfall(skeleton, null);
}

/** One cold measurement of analyzeStore in this (fresh) process; prints its numbers as JSON. */
function child(way: Way): void {
  const store = storeOf();
  const analyze = waterfallAnalyzer(null, way === 'old' ? analyzeSkeletonSpans : analyzeSkeleton);
  const started = process.cpuUsage();
  const wall = performance.now();
  const patch = analyzeStore(store, analyze);
  const cpuMs = ms(started);
  const wallMs = performance.now() - wall;
  console.log(JSON.stringify({ way, cpuMs, wallMs, moved: patch.movedSpanCount, findings: patch.findings.length, error: patch.analysisError, digest: digestOf(patch) }));
}

/** The stages of one cold analysis, timed one after the other (the sum is near, not equal to, a whole run's). */
function stages(way: Way): void {
  const store = storeOf();
  const { start: rawStart, end: rawEnd, flags } = store.raw;
  const input: AnalysisInput = { skeleton: store.skeleton, baseUnixNano: store.baseUnixNano, rawStart, rawEnd, flags };
  const out: Record<string, number> = {};
  let step = process.cpuUsage();
  const lap = (name: string) => {
    out[name] = ms(step);
    step = process.cpuUsage();
  };
  if (way === 'old') {
    const spans = toAnalysisSpans(input);
    lap('input');
    const table = buildSpanTable(spans);
    lap('table');
    const tree = buildSpanTree(table);
    lap('tree');
    analyzeTableAndTree(table, tree, {});
    lap('rest');
  } else {
    lap('input');
    const order = identitySpanOrder(store.skeleton.count);
    const table = spanTableFromSkeleton(store.skeleton, order, NO_INTEREST, TRACE_PAGE_SPAN_DEFAULTS);
    lap('table');
    const tree = spanTreeFromParents(table, spanParentsByWords(store.skeleton, order));
    lap('tree');
    analyzeTableAndTree(table, tree, {});
    lap('rest');
  }
  console.log(JSON.stringify({ way, ...out }));
}

function median(values: number[]): number {
  const s = [...values].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function run(args: string[]): string {
  const out = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (out.status !== 0) throw new Error(`child ${args.join(' ')} failed: ${out.stderr}`);
  return out.stdout.trim().split('\n').pop()!;
}

interface Measured {
  way: Way;
  cpuMs: number;
  wallMs: number;
  moved: number;
  findings: number;
  error: string | null;
  digest: string;
}

async function main(): Promise<void> {
  mkdirSync(CACHE, { recursive: true });
  const start = 1_795_560_486_899_000_000n;
  writeFileSync(FILE, await skeletonBody(TRACE_ID, () => generateTraceChunks(TRACE_ID, SIZE, start, 20_000)));
  console.log(`a ${SIZE.toLocaleString('en')}-span skeleton (${(readFileSync(FILE).length / 1e6).toFixed(1)} MB); ${runs} cold processes per way, interleaved`);
  const results: Measured[] = [];
  const loads: number[] = [];
  for (let r = 0; r < runs; r++) {
    for (const way of r % 2 ? (['new', 'old'] as const) : (['old', 'new'] as const)) {
      loads.push(loadavg()[0]!);
      const m = JSON.parse(run(['child', way])) as Measured;
      results.push(m);
      console.log(`  run ${r + 1} ${way}: analyzeStore ${m.cpuMs.toFixed(0)} ms cpu, ${m.wallMs.toFixed(0)} ms wall, load ${loadavg()[0]!.toFixed(1)}`);
    }
  }
  const of = (way: Way, key: 'cpuMs' | 'wallMs') =>
    median(results.filter((m) => m.way === way).map((m) => m[key]))
      .toFixed(0)
      .padStart(6);
  console.log(`\nmedian of ${runs} cold processes        old      new`);
  console.log(`  analyzeStore CPU ms            ${of('old', 'cpuMs')}   ${of('new', 'cpuMs')}`);
  console.log(`  analyzeStore wall ms           ${of('old', 'wallMs')}   ${of('new', 'wallMs')}`);
  const digests = new Set(results.map((m) => m.digest));
  console.log(
    `patches: ${digests.size === 1 ? 'identical' : 'DIFFER'} (${[...digests].join(', ')}), ${results[0]!.moved} spans moved, ${results[0]!.findings} findings, error ${results[0]!.error}; load average during the runs ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`,
  );
  console.log('\nstages, CPU ms of one cold process per way (input objects / table / parents + tree / rest of the engine):');
  for (const way of ['old', 'new'] as const) {
    const s = JSON.parse(run(['stages', way])) as Record<string, number>;
    console.log(`  ${way}: input ${s.input!.toFixed(0)}, table ${s.table!.toFixed(0)}, tree ${s.tree!.toFixed(0)}, rest ${s.rest!.toFixed(0)}; load ${loadavg()[0]!.toFixed(1)}`);
  }
  if (digests.size !== 1) process.exitCode = 1;
}

const mode = process.argv[2];
const way: Way = process.argv[3] === 'new' ? 'new' : 'old';
if (mode === 'child') child(way);
else if (mode === 'stages') stages(way);
else
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
