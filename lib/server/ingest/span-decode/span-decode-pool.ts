import 'server-only';
// Decodes OTLP trace exports off the server's main thread (issue #19, overload). Decoding, mapping and
// serializing one 1,000-span export is 10–40 ms of synchronous work; on the main thread every such piece delayed
// everything else the one event loop does — accepting connections (libuv accepts one per loop iteration),
// refusing requests under overload, health checks — by up to a piece (a 429 took a median 100–270 ms on an idle
// 2-core machine, nearly all of it waiting to be accepted). In a worker thread the main thread only parses HTTP,
// admits or refuses, reads bodies and concatenates prepared chunks into INSERTs.
//
// INGEST_DECODE_THREADS workers (default 1; 0 decodes in the request's thread, one piece per event-loop turn as
// before, see cpu-turns.ts), at niceness INGEST_DECODE_NICE (default 10): on a busy machine the main thread
// otherwise waited for a core behind decoding, and every 429 with it (bench:ingest -- --overload, 4 → 16
// senders: 429 median 12.7–14.7 ms at niceness 0, 6.4–10.1 ms at 10, the same throughput). A job goes to the
// worker with the fewest jobs pending; the body's memory is transferred, not copied, when the body owns it. A
// worker that dies fails its pending requests with a 500 (the exporter retries) and is replaced on the next job.
// Process-wide (globalThis): Next may evaluate this module once per route bundle, and OTLP/gRPC shares it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { AppError } from '../../http/app-error';
import { cpuTurn } from '../cpu-turns';
import { runSpanDecodeJob, type SpanDecodeJob, type SpanDecodeOutcome } from './span-decode-job';
import type { WorkerReply, WorkerRequest } from './span-decode-messages';

interface PooledWorker {
  worker: Worker;
  pending: Map<number, { resolve(outcome: SpanDecodeOutcome): void; reject(error: unknown): void }>;
}

interface Pool {
  workers: PooledWorker[];
  nextId: number;
}

const KEY = Symbol.for('tracehound.span-decode-pool');
type GlobalWithPool = typeof globalThis & { [KEY]?: Pool };

function pool(): Pool {
  const g = globalThis as GlobalWithPool;
  g[KEY] ??= { workers: [], nextId: 1 };
  return g[KEY];
}

/**
 * Decodes a trace export body: in a worker thread when `threads` > 0 (started at niceness `nice`), else in this
 * thread in its own turn.
 */
export async function decodeSpanExport(job: SpanDecodeJob, threads: number, nice = 0): Promise<SpanDecodeOutcome> {
  if (threads <= 0) {
    await cpuTurn();
    return runSpanDecodeJob(job);
  }
  const p = pool();
  const target = pickWorker(p, threads, nice);
  const id = p.nextId++;
  const body = ownedBody(job.body);
  return new Promise<SpanDecodeOutcome>((resolve, reject) => {
    target.pending.set(id, { resolve, reject });
    const message: WorkerRequest = { id, job: { ...job, body } };
    target.worker.postMessage(message, [body.buffer as ArrayBuffer]);
  });
}

/** Stops the workers (tests, shutdown): their pending requests fail. */
export async function stopSpanDecodeWorkers(): Promise<void> {
  const p = pool();
  const workers = p.workers.splice(0);
  await Promise.all(workers.map((w) => w.worker.terminate()));
}

function pickWorker(p: Pool, threads: number, nice: number): PooledWorker {
  if (p.workers.length < threads) {
    const started = startWorker(p, nice);
    p.workers.push(started);
    return started;
  }
  let best = p.workers[0] as PooledWorker;
  for (const w of p.workers) if (w.pending.size < best.pending.size) best = w;
  return best;
}

function startWorker(p: Pool, nice: number): PooledWorker {
  // Under Next (NEXT_RUNTIME is set) the bundler turns this URL into the worker's own bundle. Run from source
  // (tests, scripts under tsx) the worker registers tsx's loader first (a worker does not inherit its parent's
  // loader hooks, and ignores --import in execArgv), then loads the .ts entry.
  const options = { workerData: { nice } };
  const worker = process.env.NEXT_RUNTIME ? new Worker(new URL('./span-decode-worker.ts', import.meta.url), options) : sourceWorker(options);
  // The server's listeners keep the process alive; an idle decode worker must not.
  worker.unref();
  const pooled: PooledWorker = { worker, pending: new Map() };
  worker.on('message', (reply: WorkerReply) => {
    const job = pooled.pending.get(reply.id);
    if (!job) return;
    pooled.pending.delete(reply.id);
    if ('outcome' in reply) job.resolve(reply.outcome);
    else job.reject(new AppError('internal', `Decoding the export failed: ${reply.failure}`));
  });
  const retire = (reason: string) => {
    const index = p.workers.indexOf(pooled);
    if (index >= 0) p.workers.splice(index, 1);
    for (const job of pooled.pending.values()) job.reject(new AppError('internal', `The span decode worker stopped (${reason}); retry the export.`));
    pooled.pending.clear();
  };
  worker.on('error', (error) => retire(error.message));
  worker.on('exit', (code) => retire(`exit code ${code}`));
  return pooled;
}

function sourceWorker(options: WorkerOptions): Worker {
  const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'span-decode-worker.ts');
  const code = `require('tsx/cjs/api').register(); require(${JSON.stringify(entry)});`;
  return new Worker(code, { ...options, eval: true });
}

/**
 * A Uint8Array that owns its whole ArrayBuffer, so transferring it detaches nothing else: request bodies of one
 * chunk may be views into a larger buffer (Node pools small allocations), which is then copied (cheap beside
 * decoding it).
 */
function ownedBody(body: Uint8Array): Uint8Array {
  if (body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.buffer instanceof ArrayBuffer) return body;
  return body.slice();
}
