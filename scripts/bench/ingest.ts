// npm run bench:ingest — OTLP/HTTP ingest throughput of the built app against raw COPY on the same Postgres.
//
// 1. Creates a fresh database on the server in DATABASE_URL and starts the built app (`next build` first) on it.
// 2. Posts realistic OTLP protobuf batches (generate-otlp.ts) with BENCH_CLIENTS concurrent HTTP clients until
//    BENCH_SPANS spans are acknowledged (a 200 means committed); 429/503 are retried after Retry-After.
// 3. COPYs the same rows (before and after step 2; the faster run counts) (decoded with the same decoder) into an identical partitioned table with
//    pg-copy-streams, and prints spans/s for both, the ratio, p50/p99 request latency and the server's peak RSS
//    (VmHWM of the server process and its children).
// With --overload: ingest-overload.ts (throughput and 429 latency under several times the saturating load).
// Env: DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres), BENCH_SPANS (200000),
//      BENCH_CLIENTS (8), BENCH_SPANS_PER_REQUEST (1000), BENCH_PORT (3300), BENCH_KEEP_DB=1 to keep the database,
//      BENCH_NODE_ARGS (extra node flags for the server, e.g. --cpu-prof).
import { readFileSync, readdirSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { decodeOtlpTraceProto } from '@/lib/domain/otlp/decode-otlp-proto';
import { spansFromOtlp } from '@/lib/domain/otlp/spans-from-otlp';
import { dayOfUnixNano, NS_PER_DAY } from '@/lib/server/db/partitions';
import { createTestDatabase } from '@/test/support/test-database';
import { COPY_COLUMNS, copyLine } from './copy-rows';
import { generateTraffic } from './generate-otlp';
import { startBenchServer } from './bench-server';
import { runOverloadBench } from './ingest-overload';

const SPANS = Number(process.env.BENCH_SPANS ?? 200_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const PER_REQUEST = Number(process.env.BENCH_SPANS_PER_REQUEST ?? 1000);
const PORT = Number(process.env.BENCH_PORT ?? 3300);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Peak resident set (kB) of a process and all its descendants, from /proc. */
function peakRssKb(pid: number): number {
  let peak = 0;
  const visit = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      peak = Math.max(peak, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        for (const c of children ? children.split(/\s+/) : []) visit(Number(c));
      }
    } catch {
      // process gone
    }
  };
  visit(pid);
  return peak;
}

async function startServer(databaseUrl: string): Promise<{ pid: number; stop: () => void; log: () => string }> {
  return startBenchServer(databaseUrl, PORT);
}

async function postAll(bodies: Uint8Array[]): Promise<{ seconds: number; latencies: number[]; retries: number }> {
  let next = 0;
  let retries = 0;
  const latencies: number[] = [];
  const url = `http://127.0.0.1:${PORT}/v1/traces`;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (;;) {
        const i = next++;
        if (i >= bodies.length) return;
        for (;;) {
          const t = performance.now();
          const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-protobuf' }, body: bodies[i] as Uint8Array<ArrayBuffer> });
          const text = await res.arrayBuffer();
          if (res.status === 200) {
            latencies.push(performance.now() - t);
            break;
          }
          if (res.status === 429 || res.status === 503) {
            retries++;
            await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
            continue;
          }
          throw new Error(`POST failed ${res.status}: ${new TextDecoder().decode(text)}`);
        }
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b), retries };
}

async function copyBaseline(databaseUrl: string, bodies: Uint8Array[], table: string): Promise<{ seconds: number; rows: number }> {
  const spans = bodies.flatMap((b) => spansFromOtlp(decodeOtlpTraceProto(b), 'default').spans);
  // Serialised before timing: the baseline is the database's own write speed.
  const chunks: string[] = [];
  for (let i = 0; i < spans.length; i += 1000)
    chunks.push(
      spans
        .slice(i, i + 1000)
        .map(copyLine)
        .join('\n') + '\n',
    );
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE TABLE ${table} (LIKE spans INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (start_time_unix_nano)`);
    await client.query(`ALTER TABLE ${table} ADD PRIMARY KEY (trace_id, tenant, span_id, start_time_unix_nano)`);
    // The same secondary indexes as spans (init migration), so both sides maintain the same structures.
    const { rows: indexes } = await client.query<{ def: string }>(`SELECT indexdef AS def FROM pg_indexes WHERE tablename = 'spans' AND indexname <> 'spans_pkey'`);
    for (const { def } of indexes) {
      await client.query(def.replace(/INDEX (\S+) ON (ONLY )?public\.spans/, (_m, name: string) => `INDEX ${name}_${table} ON public.${table}`));
    }
    const days = new Set(spans.map((s) => dayOfUnixNano(s.startTimeUnixNano)));
    for (const day of days) {
      const from = BigInt(day) * NS_PER_DAY;
      await client.query(`CREATE TABLE ${table}_d${day} PARTITION OF ${table} FOR VALUES FROM (${from}) TO (${from + NS_PER_DAY})`);
    }
    const started = performance.now();
    const stream = client.query(copyFrom(`COPY ${table} (${COPY_COLUMNS.join(', ')}) FROM STDIN`));
    await pipeline(Readable.from(chunks), stream);
    const seconds = (performance.now() - started) / 1000;
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    return { seconds, rows: rows[0]!.n };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  console.log(`generating ${SPANS} spans in batches of ~${PER_REQUEST} ...`);
  const traffic = generateTraffic(SPANS, PER_REQUEST);
  const totalBytes = traffic.bodies.reduce((n, b) => n + b.length, 0);
  console.log(`${traffic.bodies.length} requests, ${(totalBytes / 1e6).toFixed(1)} MB protobuf`);
  const db = await createTestDatabase('th_bench');
  const server = await startServer(db.url);
  try {
    // COPY runs before and after the HTTP ingest and the faster run is the baseline: the machine may be shared,
    // and a single measurement at a busy moment would flatter the ratio.
    const copyBefore = await copyBaseline(db.url, traffic.bodies, 'spans_copy_before');
    const ingest = await postAll(traffic.bodies);
    const check = new pg.Client({ connectionString: db.url });
    await check.connect();
    const { rows } = await check.query<{ n: number; traces: number }>('SELECT (SELECT count(*) FROM spans)::int AS n, (SELECT count(*) FROM trace_summaries)::int AS traces');
    await check.end();
    const rss = peakRssKb(server.pid);
    const copyAfter = await copyBaseline(db.url, traffic.bodies, 'spans_copy_after');
    const copy = copyBefore.seconds <= copyAfter.seconds ? copyBefore : copyAfter;
    const ingestRate = traffic.spanCount / ingest.seconds;
    const copyRate = copy.rows / copy.seconds;
    console.log('');
    console.log(`spans stored via HTTP:  ${rows[0]!.n} of ${traffic.spanCount} (${rows[0]!.traces} trace summaries)`);
    console.log(`ingest (HTTP, ${CLIENTS} clients): ${ingestRate.toFixed(0)} spans/s (${ingest.seconds.toFixed(2)} s, ${ingest.retries} retried 429/503)`);
    console.log(`COPY (1 stream):        ${copyRate.toFixed(0)} spans/s (best of ${copyBefore.seconds.toFixed(2)} s before / ${copyAfter.seconds.toFixed(2)} s after, ${copy.rows} rows)`);
    console.log(`ratio ingest/COPY:      ${((100 * ingestRate) / copyRate).toFixed(1)} %`);
    console.log(`request latency:        p50 ${percentile(ingest.latencies, 50).toFixed(0)} ms, p99 ${percentile(ingest.latencies, 99).toFixed(0)} ms`);
    console.log(`server peak RSS:        ${(rss / 1024).toFixed(0)} MiB (VmHWM)`);
    if (rows[0]!.n !== traffic.spanCount) throw new Error('not every acknowledged span was stored');
  } finally {
    server.stop();
    await new Promise((r) => setTimeout(r, 1500)); // let the server exit (and write a --cpu-prof profile)
    if (process.env.BENCH_KEEP_DB !== '1') await db.drop();
  }
}

(process.argv.includes('--overload') ? runOverloadBench() : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
