// npm run bench:analysis — times full analyzeTrace on generated traces of 10k and 100k spans (median of
// several runs after warm-up), next to the 200 ms target for 100k spans and the 10k→100k growth ratio
// (10× is linear). Wall time is what a user waits for; CPU time of this process is also shown because on a
// shared machine wall time includes waiting for a core.
import { cpus, loadavg } from 'node:os';
import { analyzeTrace } from '../../lib/domain/analysis/analyze-trace';
import { buildDependencyGraph } from '../../lib/domain/analysis/dependency-graph';
import { estimateHostOffsets } from '../../lib/domain/analysis/estimate-host-offsets';
import { generateTrace } from '../../test/support/generate-trace';
import { stageTimes } from './analysis-stages';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const WARMUP = 3;
const TARGET_MS = 200;

interface Timing {
  wallMs: number;
  cpuMs: number;
}

function measure(fn: () => void): Timing[] {
  for (let i = 0; i < WARMUP; i++) fn();
  const out: Timing[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    fn();
    const wallMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    out.push({ wallMs, cpuMs: (used.user + used.system) / 1000 });
  }
  return out;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const results: Record<number, { wall: number; cpu: number; findings: number }> = {};
console.log(`analyzeTrace, median of ${RUNS} runs after ${WARMUP} warm-up runs (node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)})`);
console.log('spans     wall ms   cpu ms   target   findings');
for (const size of [10_000, 100_000]) {
  const { spans } = generateTrace(size, 7);
  let findings = 0;
  const timings = measure(() => {
    findings = analyzeTrace(spans).findings.length;
  });
  const wall = median(timings.map((t) => t.wallMs));
  const cpu = median(timings.map((t) => t.cpuMs));
  results[size] = { wall, cpu, findings };
  const target = size === 100_000 ? `${TARGET_MS} ms ${wall < TARGET_MS ? 'met' : 'MISSED'}` : '-';
  console.log(`${String(size).padEnd(9)} ${wall.toFixed(1).padStart(7)}  ${cpu.toFixed(1).padStart(7)}   ${target.padEnd(14)} ${findings}`);
}
const growth = results[100_000]!.wall / results[10_000]!.wall;
console.log(`growth 10k → 100k: ${growth.toFixed(1)}× wall, ${(results[100_000]!.cpu / results[10_000]!.cpu).toFixed(1)}× cpu (10× = linear)`);

const { spans: windowSpans } = generateTrace(100_000, 9);
const graph = median(measure(() => buildDependencyGraph(windowSpans)).map((t) => t.wallMs));
const offsets = median(measure(() => estimateHostOffsets(windowSpans)).map((t) => t.wallMs));
console.log(`100k spans: buildDependencyGraph ${graph.toFixed(1)} ms, estimateHostOffsets ${offsets.toFixed(1)} ms`);

console.log('\nstage breakdown at 100k spans (median cpu ms):');
for (const [stage, ms] of stageTimes(generateTrace(100_000, 7).spans, RUNS)) console.log(`  ${stage.padEnd(52)} ${ms.toFixed(1).padStart(6)}`);
