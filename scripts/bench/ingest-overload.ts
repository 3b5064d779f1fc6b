// npm run bench:ingest -- --overload — what overload costs (issue #19). Runs the built app and posts OTLP protobuf
// batches twice, each phase on its own fresh database and freshly started server:
// 1. unsaturated: BENCH_CLIENTS senders (8) until BENCH_SPANS spans are committed — the baseline spans/s;
// 2. overload: BENCH_OVERLOAD_SENDERS senders (default 4 × BENCH_CLIENTS = 32, four times what saturates
//    the server) post another BENCH_SPANS spans, retrying a 429/503 after BENCH_RETRY_MS (100 ms: aggressive
//    clients, not the polite Retry-After of 1 s). A connection the server closes mid-upload (a refusal of a body
//    longer than INGEST_REFUSAL_KEEPALIVE_BYTES answers Connection: close) is retried the same way and counted
//    separately.
// Prints stored spans/s of both runs and their ratio (target ≥ 90 %), the median and p99 latency of the 429
// answers from request start to response headers (target median < 10 ms: admission is decided before the body
// is read), and the load average. Because the bench client shares the machine with the server, it also prints
// where a 429's time goes: the server's own timestamps per refusal (overload-timing.mjs, preloaded into the
// server: socket accepted / previous response → headers parsed → 429 written, and the server's event-loop
// delay), a separate tiny prober process (overload-prober.mjs: 1-byte exports on fresh connections, timed to
// their headers and matched with the server's timestamps), the CPU seconds of server and client per phase, and
// the client's own event-loop delay. BENCH_PROBE=0 leaves the prober out; BENCH_DB_PREFIX names the database.
import { readFileSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import { request } from 'undici';
import { createTestDatabase } from '@/test/support/test-database';
import { generateTraffic } from './generate-otlp';
import { startBenchServer } from './bench-server';
import { processTreeCpuSeconds } from './process-cpu';

const SPANS = Number(process.env.BENCH_SPANS ?? 200_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
// 4× the unsaturated senders, as issue #19's test asks (8 is the most that never see a 429; 2 already reach the
// top throughput). Until 2026-11-29 the default was 12× (96, the probe's count): BENCH_OVERLOAD_SENDERS=96.
const SENDERS = Number(process.env.BENCH_OVERLOAD_SENDERS ?? CLIENTS * 4);
const PER_REQUEST = Number(process.env.BENCH_SPANS_PER_REQUEST ?? 1000);
const RETRY_MS = Number(process.env.BENCH_RETRY_MS ?? 100);
const PORT = Number(process.env.BENCH_PORT ?? 3300);
const PROBE = process.env.BENCH_PROBE !== '0';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** "p50 / p99" of a list of milliseconds. */
function spread(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return '—';
  return `p50 ${percentile(sorted, 50).toFixed(1)} / p99 ${percentile(sorted, 99).toFixed(1)} ms (n=${sorted.length})`;
}

interface Run {
  /** Wall-clock start and end (ms since the epoch), to select the server's timestamps of this run. */
  from: number;
  to: number;
  seconds: number;
  /** Requests whose connection the server closed before the client read an answer (retried like a 429). */
  closed: number;
  /** Request start → response headers, in ms. */
  accepted: number[];
  rejected: number[];
  clientCpuSeconds: number;
  serverCpuSeconds: number;
  /** The bench client's own event-loop delay during the run (p50, p99 in ms). */
  clientLoopDelay: [number, number];
  /** The server's main thread (its event loop): seconds on a CPU and seconds runnable but waiting for one. */
  serverLoopThread: { ran: number; waited: number } | null;
}

/**
 * Seconds the process's main thread has run on a CPU and waited in the run queue (Linux: /proc/PID/schedstat is
 * the thread group leader's), or null where that file does not exist. The wait is time a 429 spends with the
 * event loop ready to answer it but without a core.
 */
function mainThreadSchedule(pid: number): { ran: number; waited: number } | null {
  try {
    const [ran, waited] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(' ').map(Number);
    return { ran: ran! / 1e9, waited: waited! / 1e9 };
  } catch {
    return null;
  }
}

function scheduleSince(start: { ran: number; waited: number } | null, end: { ran: number; waited: number } | null): { ran: number; waited: number } | null {
  return start && end ? { ran: end.ran - start.ran, waited: end.waited - start.waited } : null;
}

async function send(bodies: Uint8Array[], senders: number, serverPid: number): Promise<Run> {
  let next = 0;
  const accepted: number[] = [];
  const rejected: number[] = [];
  let closed = 0;
  const url = `http://127.0.0.1:${PORT}/v1/traces`;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const cpu = process.cpuUsage();
  const serverCpu = processTreeCpuSeconds(serverPid);
  const serverSchedule = mainThreadSchedule(serverPid);
  const from = Date.now();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: senders }, async () => {
      for (;;) {
        const i = next++;
        if (i >= bodies.length) return;
        for (;;) {
          const t = performance.now();
          let status: number;
          let ms: number;
          try {
            // undici's request(), not fetch(): fetch copies the ~1 MB body for every attempt and adds its stream
            // machinery, which under overload (hundreds of refused attempts) made the bench client burn more CPU
            // than the server it measures, on the same two cores.
            const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body: bodies[i] });
            ms = performance.now() - t; // to the response headers: the body is read after
            status = res.statusCode;
            await res.body.dump();
          } catch (error) {
            // A refusal closes the connection while a ~1 MB body may still be uploading (429 + Connection: close);
            // undici then reports the closed socket instead of the 429. Exporters retry network errors like 429s.
            const code = (error as { code?: string }).code;
            if (code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET' && code !== 'EPIPE') throw error;
            closed++;
            await new Promise((r) => setTimeout(r, RETRY_MS));
            continue;
          }
          if (status === 200) {
            accepted.push(ms);
            break;
          }
          if (status !== 429 && status !== 503) throw new Error(`POST failed with ${status}`);
          rejected.push(ms);
          await new Promise((r) => setTimeout(r, RETRY_MS));
        }
      }
    }),
  );
  loop.disable();
  const used = process.cpuUsage(cpu);
  return {
    from,
    to: Date.now(),
    seconds: (performance.now() - started) / 1000,
    closed,
    accepted: accepted.sort((a, b) => a - b),
    rejected: rejected.sort((a, b) => a - b),
    clientCpuSeconds: (used.user + used.system) / 1e6,
    serverCpuSeconds: processTreeCpuSeconds(serverPid) - serverCpu,
    clientLoopDelay: [loop.percentile(50) / 1e6, loop.percentile(99) / 1e6],
    serverLoopThread: scheduleSince(serverSchedule, mainThreadSchedule(serverPid)),
  };
}

interface ServerResponseTiming {
  at: number;
  status: number;
  /** Socket accepted (or previous response on the connection) → 'request' event, ms. */
  wait: number;
  /** 'request' event → response written, ms. */
  handle: number;
  probe: string;
}

/** The server main thread's garbage collections since it started (cumulative; a line per second). */
interface GcTotals {
  at: number;
  minor: number;
  minorMs: number;
  major: number;
  majorMs: number;
}

function readServerTimings(file: string): {
  responses: ServerResponseTiming[];
  loop: { at: number; p50: number; p99: number; max: number }[];
  accepts: { at: number }[];
  gc: GcTotals[];
} {
  const responses: ServerResponseTiming[] = [];
  const loop: { at: number; p50: number; p99: number; max: number }[] = [];
  const accepts: { at: number }[] = [];
  const gc: GcTotals[] = [];
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { responses, loop, accepts, gc };
  }
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    if (f[0] === 'r') responses.push({ at: Number(f[1]), status: Number(f[2]), wait: Number(f[3]), handle: Number(f[4]), probe: f[5] ?? '' });
    if (f[0] === 'd') loop.push({ at: Number(f[1]), p50: Number(f[2]), p99: Number(f[3]), max: Number(f[4]) });
    if (f[0] === 'a') accepts.push({ at: Number(f[1]) });
    if (f[0] === 'g') gc.push({ at: Number(f[1]), minor: Number(f[2]), minorMs: Number(f[3]), major: Number(f[4]), majorMs: Number(f[5]) });
  }
  return { responses, loop, accepts, gc };
}

interface Probe {
  id: string;
  kind: 'x' | 'h';
  start: number;
  connect: number;
  headers: number;
  status: number;
  error: string;
}

function startProber(): { stop: () => Promise<{ probes: Probe[]; loopDelayMs: { p50: number; p99: number } } | null> } {
  const child = spawn(process.execPath, [path.join(__dirname, 'overload-prober.mjs')], { env: { ...process.env, BENCH_PORT: String(PORT) }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return {
    stop: () =>
      new Promise((resolve) => {
        child.on('exit', () => {
          try {
            resolve(JSON.parse(out));
          } catch {
            resolve(null);
          }
        });
        child.kill('SIGTERM');
      }),
  };
}

function printRun(name: string, run: Run, timings: ReturnType<typeof readServerTimings>, spans: number): void {
  const inRun = <T extends { at: number }>(xs: T[]) => xs.filter((x) => x.at >= run.from && x.at <= run.to);
  const responses = inRun(timings.responses).filter((r) => !r.probe);
  const refused = responses.filter((r) => r.status === 429 || r.status === 503);
  const loop = inRun(timings.loop);
  console.log(`${name}:`);
  console.log(
    `  CPU: server ${run.serverCpuSeconds.toFixed(1)} s (${((1000 * run.serverCpuSeconds) / (spans / 1000)).toFixed(1)} ms per 1,000 stored spans), bench client ${run.clientCpuSeconds.toFixed(1)} s`,
  );
  if (run.serverLoopThread) {
    console.log(`  server main thread (event loop): on a CPU ${run.serverLoopThread.ran.toFixed(1)} s, runnable but waiting for a CPU ${run.serverLoopThread.waited.toFixed(1)} s`);
  }
  const gcBefore = timings.gc.filter((g) => g.at <= run.from).at(-1) ?? { minor: 0, minorMs: 0, major: 0, majorMs: 0 };
  const gcAfter = timings.gc.filter((g) => g.at <= run.to + 1000).at(-1);
  if (gcAfter) {
    console.log(
      `  server main thread GC (wall time, the event loop stopped): ${gcAfter.minor - gcBefore.minor} minor, ${(gcAfter.minorMs - gcBefore.minorMs).toFixed(0)} ms; ${gcAfter.major - gcBefore.major} major/incremental, ${(gcAfter.majorMs - gcBefore.majorMs).toFixed(0)} ms`,
    );
  }
  console.log(`  client event-loop delay: p50 ${run.clientLoopDelay[0].toFixed(1)} / p99 ${run.clientLoopDelay[1].toFixed(1)} ms`);
  if (loop.length > 0) {
    console.log(`  server event-loop delay (per-second p50s): ${spread(loop.map((l) => l.p50))}; per-second max: ${spread(loop.map((l) => l.max))}`);
  }
  console.log(`  server: ${inRun(timings.accepts).length} connections accepted (the prober's and health checks included), ${responses.length} ingest responses (not the prober's)`);
  if (refused.length > 0) {
    console.log(`  server, refused: accepted/previous response → headers parsed ${spread(refused.map((r) => r.wait))}; headers → 429 written ${spread(refused.map((r) => r.handle))}`);
  }
  const ok = responses.filter((r) => r.status === 200);
  if (ok.length > 0) console.log(`  server, stored: headers → 200 written ${spread(ok.map((r) => r.handle))}`);
}

function printProbes(result: Awaited<ReturnType<ReturnType<typeof startProber>['stop']>>, timings: ReturnType<typeof readServerTimings>): void {
  if (!result) {
    console.log('prober: no result');
    return;
  }
  const server = new Map(timings.responses.filter((r) => r.probe).map((r) => [r.probe, r]));
  const exports = result.probes.filter((p) => p.kind === 'x' && p.headers > 0);
  const refused = exports.filter((p) => p.status === 429);
  const splitOf = (probes: Probe[]) =>
    probes.flatMap((p) => {
      const s = server.get(p.id);
      if (!s) return [];
      const requestEvent = s.at - s.handle;
      const accepted = requestEvent - s.wait;
      return [{ total: p.headers - p.start, connect: p.connect - p.start, toAccept: accepted - p.start, toRequest: s.wait, handle: s.handle, toClient: p.headers - s.at }];
    });
  const health = result.probes.filter((p) => p.kind === 'h' && p.headers > 0);
  console.log(`prober (separate process, 1-byte exports on new connections; its own event-loop delay p50 ${result.loopDelayMs.p50.toFixed(1)} / p99 ${result.loopDelayMs.p99.toFixed(1)} ms):`);
  console.log(
    `  exports: ${exports.length} answered (${refused.length} × 429, ${exports.filter((p) => p.status !== 429).length} other), ${result.probes.filter((p) => p.kind === 'x' && p.error).length} errors`,
  );
  for (const [name, probes] of [
    ['429s', refused],
    ['all exports', exports],
  ] as const) {
    const split = splitOf(probes);
    console.log(`  ${name}: start → headers ${spread(probes.map((p) => p.headers - p.start))}`);
    if (split.length === 0) continue;
    console.log(`    start → TCP connected      ${spread(split.map((s) => s.connect))}`);
    console.log(`    start → server accept      ${spread(split.map((s) => s.toAccept))}`);
    console.log(`    accept → headers parsed    ${spread(split.map((s) => s.toRequest))}`);
    console.log(`    headers → answer written   ${spread(split.map((s) => s.handle))}`);
    console.log(`    written → client headers   ${spread(split.map((s) => s.toClient))}`);
  }
  console.log(`  /api/health start → headers ${spread(health.map((p) => p.headers - p.start))}`);
}

interface Phase {
  run: Run;
  stored: number;
  timings: ReturnType<typeof readServerTimings>;
  probes: Awaited<ReturnType<ReturnType<typeof startProber>['stop']>>;
}

/**
 * One phase on its own fresh database and freshly started server. Both phases start from the same state: run one
 * after the other on one database, the second wrote into tables already holding the first's spans, and with the
 * same 8 senders in both it stored 17 % fewer spans per second (82.8 %, 200k + 200k) — a drop the ratio charged
 * to overload.
 */
async function runPhase(name: string, bodies: Uint8Array[], senders: number, probe: boolean): Promise<Phase> {
  const db = await createTestDatabase(process.env.BENCH_DB_PREFIX ?? 'th_bench_overload');
  const timingFile = path.join(tmpdir(), `overload-timing-${process.pid}-${name}.txt`);
  const server = await startBenchServer(db.url, PORT, { OVERLOAD_TIMING_FILE: timingFile });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const prober = probe ? startProber() : null;
    const run = await send(bodies, senders, server.pid);
    const probes = prober ? await prober.stop() : null;
    if (probes) writeFileSync(`${timingFile}.probes.json`, JSON.stringify(probes));
    const stored = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM spans')).rows[0]!.n;
    await new Promise((r) => setTimeout(r, 1200)); // the server's last timing lines
    return { run, stored, timings: readServerTimings(timingFile), probes };
  } finally {
    await client.end();
    server.stop();
    await new Promise((r) => setTimeout(r, 1500));
    if (process.env.BENCH_KEEP_DB !== '1') await db.drop();
  }
}

export async function runOverloadBench(): Promise<void> {
  console.log(`generating 2 × ${SPANS} spans in batches of ~${PER_REQUEST} ...`);
  const baseline = generateTraffic(SPANS, PER_REQUEST, 42);
  const overload = generateTraffic(SPANS, PER_REQUEST, 4242);
  process.env.BENCH_NODE_ARGS = `${process.env.BENCH_NODE_ARGS ?? ''} --import ${path.join(__dirname, 'overload-timing.mjs')}`;
  const a = await runPhase('unsaturated', baseline.bodies, CLIENTS, false);
  const b = await runPhase('overload', overload.bodies, SENDERS, PROBE);
  const rateA = a.stored / a.run.seconds;
  const rateB = b.stored / b.run.seconds;
  console.log('');
  printRun(`unsaturated (${CLIENTS} senders)`, a.run, a.timings, a.stored);
  printRun(`overload (${SENDERS} senders)`, b.run, b.timings, b.stored);
  if (b.probes) printProbes(b.probes, b.timings);
  console.log('');
  console.log(`unsaturated (${CLIENTS} senders):  ${rateA.toFixed(0)} stored spans/s (${a.run.seconds.toFixed(2)} s, ${a.run.rejected.length} × 429/503)`);
  console.log(
    `overload (${SENDERS} senders):    ${rateB.toFixed(0)} stored spans/s (${b.run.seconds.toFixed(2)} s, ${b.run.rejected.length} × 429/503, ${b.run.closed} × connection closed mid-upload)`,
  );
  console.log(
    `load average: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  console.log(`ratio overload/unsaturated: ${((100 * rateB) / rateA).toFixed(1)} %   (target ≥ 90 %)`);
  console.log(`429 latency under overload (start → headers): median ${percentile(b.run.rejected, 50).toFixed(2)} ms, p99 ${percentile(b.run.rejected, 99).toFixed(2)} ms   (target median < 10 ms)`);
  console.log(`200 latency under overload: median ${percentile(b.run.accepted, 50).toFixed(0)} ms, p99 ${percentile(b.run.accepted, 99).toFixed(0)} ms`);
  if (a.stored !== baseline.spanCount || b.stored !== overload.spanCount) throw new Error('not every acknowledged span was stored');
}
