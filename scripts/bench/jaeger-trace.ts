// `npm run bench:jaeger`: memory and time of reading one large trace through GET /jaeger/api/traces/{id}
// (streamed through a cursor), next to the trace page's own streamed GET /api/traces/{id} as the baseline,
// both measured in this run on the BUILT app (`next build` first) and a fresh database. The trace is sent
// through the real ingest endpoint (POST /v1/traces, OTLP/JSON, 5000 spans per request). Reported per
// endpoint: time to first byte, time to the last byte, bytes, and the server's peak RSS while answering
// (sampled every 50 ms from /proc/<pid>/status).
// Target (issue #20): a 500k-span trace keeps the server under 600 MB RSS (before: 22 s to first byte, 2.6 GB).
// Env: BENCH_PORT (3802), BENCH_SPANS (500000), BENCH_DATABASE (th_graf_bench_jaeger).
import { spawn, type ChildProcess } from 'node:child_process';
import { processTreeRssMb as rssMb } from './process-rss';
import pg from 'pg';
import { otlpJsonFromSpans } from '../../test/support/otlp-json-from-spans';
import { generateTraceChunks } from './generate-trace';

const port = Number(process.env.BENCH_PORT ?? 3802);
const spans = Number(process.env.BENCH_SPANS ?? 500_000);
const server = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
const dbName = process.env.BENCH_DATABASE ?? 'th_graf_bench_jaeger';
const dbUrl = Object.assign(new URL(server.toString()), { pathname: `/${dbName}` }).toString();
const adminUrl = Object.assign(new URL(server.toString()), { pathname: '/postgres' }).toString();
const TOKEN = 'th_bench-jaeger-admin-token-0123456789abcdefgh';
const TRACE_ID = spans.toString(16).padStart(32, 'c');

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, DATABASE_URL: dbUrl, TRACEHOUND_BOOTSTRAP_TOKEN: TOKEN, NODE_ENV: 'production' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error('app did not become healthy');
}

async function measure(pid: number, path: string): Promise<{ ttfbMs: number; totalMs: number; mb: number; peakRssMb: number; idleRssMb: number }> {
  const idleRssMb = rssMb(pid);
  let peakRssMb = idleRssMb;
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, rssMb(pid))), 50);
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  if (!res.ok || !res.body) throw new Error(`${path} answered ${res.status}`);
  let ttfbMs = 0;
  let bytes = 0;
  const reader = res.body.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    if (bytes === 0) ttfbMs = performance.now() - t0;
    bytes += r.value.length;
  }
  const totalMs = performance.now() - t0;
  clearInterval(sampler);
  peakRssMb = Math.max(peakRssMb, rssMb(pid));
  return { ttfbMs, totalMs, mb: bytes / 1e6, peakRssMb, idleRssMb };
}

async function main(): Promise<void> {
  await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${dbName}"`);
  const child = await startServer();
  try {
    const t0 = Date.now();
    for (const chunk of generateTraceChunks(TRACE_ID, spans, BigInt(Date.now() - 60_000) * 1_000_000n, 5000)) {
      const r = await fetch(`http://127.0.0.1:${port}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: otlpJsonFromSpans(chunk),
      });
      if (!r.ok) throw new Error(`POST /v1/traces answered ${r.status}: ${await r.text()}`);
    }
    console.log(`sent ${spans} spans in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    for (let i = 0; i < 600; i++) {
      const { rows } = await c.query<{ n: number }>('SELECT span_count AS n FROM trace_summaries WHERE trace_id = $1', [Buffer.from(TRACE_ID, 'hex')]);
      if ((rows[0]?.n ?? 0) >= spans) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await c.query('ANALYZE spans');
    await c.end();
    const pid = child.pid!;
    const baseline = await measure(pid, `/api/traces/${TRACE_ID}`);
    const jaeger = await measure(pid, `/jaeger/api/traces/${TRACE_ID}`);
    const row = (name: string, m: typeof baseline) =>
      `${name.padEnd(36)} first byte ${m.ttfbMs.toFixed(0).padStart(6)} ms  total ${m.totalMs.toFixed(0).padStart(6)} ms  ${m.mb.toFixed(0).padStart(5)} MB  RSS ${m.idleRssMb.toFixed(0)} → peak ${m.peakRssMb.toFixed(0)} MB`;
    console.log(`trace of ${spans} spans`);
    console.log(row('baseline GET /api/traces/{id}', baseline));
    console.log(row('GET /jaeger/api/traces/{id}', jaeger));
    console.log(`target: peak RSS < 600 MB (${jaeger.peakRssMb < 600 ? 'met' : 'NOT met'}); before streaming: 22 s to first byte, 2.6 GB`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
