// npm run bench:ingest -- --overload — what overload costs (issue #19). Runs the built app on a fresh database
// and posts OTLP protobuf batches twice:
// 1. unsaturated: BENCH_CLIENTS senders (8) until BENCH_SPANS spans are committed — the baseline spans/s;
// 2. overload: BENCH_OVERLOAD_SENDERS senders (default 12 × BENCH_CLIENTS = 96, several times what saturates
//    the server) post another BENCH_SPANS spans, retrying a 429/503 after BENCH_RETRY_MS (100 ms: aggressive
//    clients, not the polite Retry-After of 1 s). A connection the server closes mid-upload (a refusal answers
//    Connection: close) is retried the same way and counted separately.
// Prints stored spans/s of both runs and their ratio (target ≥ 90 %), and the median and p99 latency of the
// 429 answers (target median < 10 ms: admission is decided before the body is read), and the load average.
import { loadavg } from 'node:os';
import pg from 'pg';
import { createTestDatabase } from '@/test/support/test-database';
import { generateTraffic } from './generate-otlp';
import { startBenchServer } from './bench-server';

const SPANS = Number(process.env.BENCH_SPANS ?? 200_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const SENDERS = Number(process.env.BENCH_OVERLOAD_SENDERS ?? CLIENTS * 12);
const PER_REQUEST = Number(process.env.BENCH_SPANS_PER_REQUEST ?? 1000);
const RETRY_MS = Number(process.env.BENCH_RETRY_MS ?? 100);
const PORT = Number(process.env.BENCH_PORT ?? 3300);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

interface Run {
  seconds: number;
  /** Requests whose connection the server closed before the client read an answer (retried like a 429). */
  closed: number;
  accepted: number[];
  rejected: number[];
}

async function send(bodies: Uint8Array[], senders: number): Promise<Run> {
  let next = 0;
  const accepted: number[] = [];
  const rejected: number[] = [];
  let closed = 0;
  const url = `http://127.0.0.1:${PORT}/v1/traces`;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: senders }, async () => {
      for (;;) {
        const i = next++;
        if (i >= bodies.length) return;
        for (;;) {
          const t = performance.now();
          let res: Response;
          try {
            res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-protobuf' }, body: bodies[i] as Uint8Array<ArrayBuffer> });
            await res.arrayBuffer();
          } catch (error) {
            // A refusal closes the connection while a ~1 MB body may still be uploading (429 + Connection: close);
            // undici then reports the closed socket instead of the 429. Exporters retry network errors like 429s.
            if ((error as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw error;
            closed++;
            await new Promise((r) => setTimeout(r, RETRY_MS));
            continue;
          }
          const ms = performance.now() - t;
          if (res.status === 200) {
            accepted.push(ms);
            break;
          }
          if (res.status !== 429 && res.status !== 503) throw new Error(`POST failed with ${res.status}`);
          rejected.push(ms);
          await new Promise((r) => setTimeout(r, RETRY_MS));
        }
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, closed, accepted: accepted.sort((a, b) => a - b), rejected: rejected.sort((a, b) => a - b) };
}

export async function runOverloadBench(): Promise<void> {
  console.log(`generating 2 × ${SPANS} spans in batches of ~${PER_REQUEST} ...`);
  const baseline = generateTraffic(SPANS, PER_REQUEST, 42);
  const overload = generateTraffic(SPANS, PER_REQUEST, 4242);
  const db = await createTestDatabase('th_bench_overload');
  const server = await startBenchServer(db.url, PORT);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const stored = async () => (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM spans')).rows[0]!.n;
  try {
    const a = await send(baseline.bodies, CLIENTS);
    const afterA = await stored();
    const b = await send(overload.bodies, SENDERS);
    const afterB = await stored();
    const rateA = afterA / a.seconds;
    const rateB = (afterB - afterA) / b.seconds;
    console.log('');
    console.log(`unsaturated (${CLIENTS} senders):  ${rateA.toFixed(0)} stored spans/s (${a.seconds.toFixed(2)} s, ${a.rejected.length} × 429/503)`);
    console.log(`overload (${SENDERS} senders):    ${rateB.toFixed(0)} stored spans/s (${b.seconds.toFixed(2)} s, ${b.rejected.length} × 429/503, ${b.closed} × connection closed mid-upload)`);
    console.log(
      `load average: ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
    );
    console.log(`ratio overload/unsaturated: ${((100 * rateB) / rateA).toFixed(1)} %   (target ≥ 90 %)`);
    console.log(`429 latency under overload: median ${percentile(b.rejected, 50).toFixed(2)} ms, p99 ${percentile(b.rejected, 99).toFixed(2)} ms   (target median < 10 ms)`);
    console.log(`200 latency under overload: median ${percentile(b.accepted, 50).toFixed(0)} ms, p99 ${percentile(b.accepted, 99).toFixed(0)} ms`);
    if (afterA !== baseline.spanCount || afterB - afterA !== overload.spanCount) throw new Error('not every acknowledged span was stored');
  } finally {
    await client.end();
    server.stop();
    await new Promise((r) => setTimeout(r, 1500));
    if (process.env.BENCH_KEEP_DB !== '1') await db.drop();
  }
}
