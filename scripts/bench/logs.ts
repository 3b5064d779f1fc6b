// npm run bench:logs — log lines/s through POST /loki/api/v1/push (the built app over real HTTP, JSON and
// protobuf+snappy bodies) versus a raw COPY (pg-copy-streams) of exactly the same rows into the same table.
// Needs `next build` first and a local PostgreSQL (DATABASE_URL server; a scratch database is created and
// dropped). Knobs: BENCH_LINES (default 100000), BENCH_BATCH lines per push (2000), BENCH_CONCURRENCY (4),
// BENCH_ROUNDS (3; paths are interleaved per round and each path's best round is reported).
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { compress } from 'snappyjs';
import { PushRequestType } from '@/lib/domain/loki/logproto';
import { pushToLogRows } from '@/lib/domain/loki/push-to-log-rows';
import type { PushStream } from '@/lib/domain/loki/push-model';
import { applyMigrations } from '@/lib/server/db/migrate';
import { dayOfUnixNano, ensureDayPartitions } from '@/lib/server/db/partitions';
import { fingerprintOf, streamIdOf } from '@/lib/server/logs/log-hashes';
import { formatLabelString } from '@/lib/domain/loki/label-string';
import { createTestDatabase } from '@/test/support/test-database';
import { startAppServer } from '@/test/support/app-server';

const LINES = Number(process.env.BENCH_LINES ?? 100_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const STREAMS = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** Realistic mix: logfmt with trace ids, JSON with trace ids, plain text; 20 streams. */
function makeBatches(): PushStream[][] {
  const base = BigInt(Date.now() - 10 * 60_000) * 1_000_000n;
  const batches: PushStream[][] = [];
  for (let start = 0; start < LINES; start += BATCH) {
    const byStream = new Map<number, PushStream>();
    for (let i = start; i < Math.min(LINES, start + BATCH); i++) {
      const s = i % STREAMS;
      let stream = byStream.get(s);
      if (!stream) {
        stream = { labels: { app: `svc-${s % 5}`, env: 'bench', pod: `pod-${s}` }, entries: [] };
        byStream.set(s, stream);
      }
      const trace = randomBytes(16).toString('hex');
      const span = randomBytes(8).toString('hex');
      const kind = i % 3;
      const line =
        kind === 0
          ? `ts=${i} level=info msg="request handled" route=/api/orders/${i % 97} status=200 duration=${i % 900}ms trace_id=${trace} span_id=${span}`
          : kind === 1
            ? JSON.stringify({ level: i % 10 === 0 ? 'error' : 'info', msg: 'query done', rows: i % 50, duration_ms: i % 1500, trace_id: trace, span_id: span })
            : `GET /static/asset-${i % 311}.js 200 ${(i * 7919) % 100000} bytes in ${i % 40}ms`;
      stream.entries.push({ timeUnixNano: base + BigInt(i) * 1_000n, line, metadata: i % 4 === 0 ? { user: `u${i % 1000}` } : {} });
    }
    batches.push([...byStream.values()]);
  }
  return batches;
}

function jsonBody(streams: PushStream[]): string {
  return JSON.stringify({
    streams: streams.map((s) => ({
      stream: s.labels,
      values: s.entries.map((e) => (Object.keys(e.metadata).length ? [e.timeUnixNano.toString(), e.line, e.metadata] : [e.timeUnixNano.toString(), e.line])),
    })),
  });
}

function protoBody(streams: PushStream[]): Uint8Array {
  const message = PushRequestType.fromObject({
    streams: streams.map((s) => ({
      labels: formatLabelString(s.labels),
      entries: s.entries.map((e) => ({
        timestamp: { seconds: Number(e.timeUnixNano / 1_000_000_000n), nanos: Number(e.timeUnixNano % 1_000_000_000n) },
        line: e.line,
        structuredMetadata: Object.entries(e.metadata).map(([name, value]) => ({ name, value })),
      })),
    })),
  });
  return compress(PushRequestType.encode(message).finish());
}

async function pushAll(url: string, bodies: (string | Uint8Array)[], contentType: string): Promise<number> {
  let next = 0;
  const started = performance.now();
  async function worker(): Promise<void> {
    while (next < bodies.length) {
      const body = bodies[next++] as string | Uint8Array;
      const res = await fetch(`${url}/loki/api/v1/push`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: typeof body === 'string' ? body : new Uint8Array(body),
      });
      if (res.status !== 204) throw new Error(`push failed: ${res.status} ${await res.text()}`);
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return performance.now() - started;
}

function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

async function copyAll(pool: pg.Pool, batches: PushStream[][]): Promise<number> {
  // Same rows the push path stores, prepared outside the timed section.
  const rows = batches.flatMap((b) => pushToLogRows(b, 'default', BigInt(Date.now()) * 1_000_000n));
  await ensureDayPartitions(
    pool,
    'logs',
    rows.map((r) => dayOfUnixNano(r.timeUnixNano)),
  );
  const lines: string[] = [];
  const streams = new Map<bigint, string>();
  for (const r of rows) {
    const sid = streamIdOf(r.labels);
    streams.set(sid, `default\t${sid}\t${copyText(JSON.stringify(r.labels))}\t${r.timeUnixNano}\t${r.timeUnixNano}\n`);
    lines.push(
      [
        'default',
        r.traceId ? `\\\\x${r.traceId}` : '\\\\x',
        r.spanId ? `\\\\x${r.spanId}` : '\\N',
        r.timeUnixNano.toString(),
        r.observedTimeUnixNano?.toString() ?? '\\N',
        sid.toString(),
        `\\\\x${fingerprintOf(sid, r.line, r.metadata).toString('hex')}`,
        copyText(r.line),
        copyText(JSON.stringify(r.metadata)),
        copyText(r.severityText),
        r.severityNumber === null ? '\\N' : String(r.severityNumber),
      ].join('\t') + '\n',
    );
  }
  const client = await pool.connect();
  try {
    const started = performance.now();
    await pipeline(Readable.from([...streams.values()]), client.query(copyFrom('COPY log_streams (tenant, stream_id, labels, first_seen_unix_nano, last_seen_unix_nano) FROM STDIN')));
    // Chunks of ~1000 lines, as a streaming producer would write them.
    const chunks: string[] = [];
    for (let i = 0; i < lines.length; i += 1000) chunks.push(lines.slice(i, i + 1000).join(''));
    await pipeline(
      Readable.from(chunks),
      client.query(copyFrom('COPY logs (tenant, trace_id, span_id, time_unix_nano, observed_time_unix_nano, stream_id, fingerprint, line, metadata, severity_text, severity_number) FROM STDIN')),
    );
    return performance.now() - started;
  } finally {
    client.release();
  }
}

async function countLogs(pool: pg.Pool): Promise<number> {
  return (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM logs')).rows[0]?.n ?? 0;
}

async function main(): Promise<void> {
  const db = await createTestDatabase('th_bench_logs');
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  // Dropping the scratch database terminates idle connections; that is expected at the end.
  pool.on('error', () => undefined);
  const app = await startAppServer({ DATABASE_URL: db.url, MAX_REQUEST_BYTES: String(64 * 1024 * 1024) });
  try {
    await applyMigrations(pool);
    const batches = makeBatches();
    const rate = (ms: number) => Math.round(LINES / (ms / 1000));
    const results: { path: string; ms: number }[] = [];

    // Warm-up (JIT, connection pool, partitions) on a small slice, then clear.
    await pushAll(app.url, batches.slice(0, 2).map(jsonBody), 'application/json');
    await pool.query('TRUNCATE logs, log_streams');

    // The machine may be shared: interleave the three paths over ROUNDS rounds and keep each path's best.
    const jsonBodies = batches.map(jsonBody);
    const protoBodies = batches.map(protoBody);
    const best = { json: Infinity, proto: Infinity, copy: Infinity };
    for (let round = 0; round < ROUNDS; round++) {
      best.json = Math.min(best.json, await pushAll(app.url, jsonBodies, 'application/json'));
      if ((await countLogs(pool)) !== LINES) throw new Error('JSON push stored a different number of lines');
      await pool.query('TRUNCATE logs, log_streams');
      best.proto = Math.min(best.proto, await pushAll(app.url, protoBodies, 'application/x-protobuf'));
      if ((await countLogs(pool)) !== LINES) throw new Error('protobuf push stored a different number of lines');
      await pool.query('TRUNCATE logs, log_streams');
      best.copy = Math.min(best.copy, await copyAll(pool, batches));
      if ((await countLogs(pool)) !== LINES) throw new Error('COPY stored a different number of lines');
      await pool.query('TRUNCATE logs, log_streams');
    }
    results.push({ path: 'push JSON', ms: best.json }, { path: 'push protobuf+snappy', ms: best.proto }, { path: 'raw COPY (1 stream)', ms: best.copy });
    const copyMs = best.copy;

    const copyRate = rate(copyMs);
    console.log(`\nLogs ingest: ${LINES} lines, ${BATCH} lines/push, ${CONCURRENCY} concurrent pushes, ${STREAMS} streams, best of ${ROUNDS} rounds\n`);
    console.log('path                     | seconds | lines/s  | % of COPY');
    console.log('-------------------------|---------|----------|----------');
    for (const r of results) {
      const pct = Math.round((rate(r.ms) / copyRate) * 100);
      console.log(`${r.path.padEnd(25)}| ${(r.ms / 1000).toFixed(2).padStart(7)} | ${String(rate(r.ms)).padStart(8)} | ${String(pct).padStart(7)}%`);
    }
  } finally {
    await app.stop();
    await pool.end();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
