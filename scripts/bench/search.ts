// npm run bench:search — loads synthetic traces into a dedicated database on the real Postgres server and
// reports p50/p99 latency of a fixed TraceQL query set (the whole searchTraces call: page + matched ids).
//
// Env: BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/th_bench_search; dropped and
// recreated unless BENCH_REUSE=1 and it already holds data), BENCH_SPANS (1000000), BENCH_SPANS_PER_TRACE
// (20), BENCH_RUNS (20 per query), BENCH_BATCH (5000 spans per insert).
import pg from 'pg';
import { DEFAULT_TENANT } from '../../lib/domain/model/span';
import { openDatabase } from '../../lib/server/db/database';
import { withStatementTimeout } from '../../lib/server/db/with-statement-timeout';
import { searchTraces } from '../../lib/server/search/search-traces';
import { listServices } from '../../lib/server/jaeger/list-services';
import { buildServiceMap } from '../../lib/server/services/build-service-map';
import { writeSpans } from '../../lib/server/spans/write-spans';
import { benchTrace } from './search-data';

const url = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/th_bench_search';
const totalSpans = Number(process.env.BENCH_SPANS ?? 1_000_000);
const perTrace = Number(process.env.BENCH_SPANS_PER_TRACE ?? 20);
const runs = Number(process.env.BENCH_RUNS ?? 20);
const batch = Number(process.env.BENCH_BATCH ?? 5_000);
const traces = Math.ceil(totalSpans / perTrace);

export const BENCH_QUERIES: ReadonlyArray<[string, string, number?]> = [
  ['all traces (home page)', '{ }'],
  ['all traces, scatter (limit 500)', '{ }', 500],
  ['service', '{ resource.service.name = "payment" }'],
  ['status', '{ status = error }'],
  ['duration', '{ duration > 500ms }'],
  ['attribute', '{ span.http.status_code = 503 }'],
  ['attribute string', '{ span.http.route = "/api/pay" }'],
  ['regex', '{ name =~ "POST /api/(pay|ship)" }'],
  ['service and status', '{ resource.service.name = "payment" && status = error }'],
  ['trace duration', '{ traceDuration > 700ms }'],
  ['child', '{ resource.service.name = "checkout" } > { status = error }'],
  ['descendant', '{ resource.service.name = "gateway" } >> { resource.service.name = "payment" && status = error }'],
  ['rare (few matches)', '{ span.http.status_code = 503 && resource.service.name = "email" && duration > 100ms }'],
  ['errors, scatter (limit 500)', '{ status = error }', 500],
];

async function recreate(): Promise<boolean> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
    if (exists && process.env.BENCH_REUSE === '1') return false;
    await admin.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '')}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
    return true;
  } finally {
    await admin.end();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function main(): Promise<void> {
  const fresh = await recreate();
  const db = await openDatabase({ DATABASE_URL: url, TRACEHOUND_DATA_DIR: '.data', DB_POOL_SIZE: 4 });
  // Traces start evenly over the hour before "now minus a minute", so the default window covers them.
  const endNs = (BigInt(Date.now()) - 60_000n) * 1_000_000n;
  const spanNs = 3_600_000_000_000n / BigInt(traces);
  const startNs = endNs - 3_600_000_000_000n;
  if (fresh) {
    const t0 = performance.now();
    let pending = [];
    let written = 0;
    for (let i = 0; i < traces; i++) {
      pending.push(...benchTrace(i, startNs + BigInt(i) * spanNs, perTrace));
      if (pending.length >= batch || i === traces - 1) {
        written += (await writeSpans(db.pool, pending)).inserted;
        pending = [];
        if (i % 5000 < batch / perTrace) process.stdout.write(`\rloaded ${written} spans`);
      }
    }
    await db.pool.query('VACUUM ANALYZE');
    const seconds = (performance.now() - t0) / 1000;
    console.log(`\nloaded ${written} spans in ${traces} traces in ${seconds.toFixed(1)} s (${Math.round(written / seconds)} spans/s)`);
  }
  const window = { fromNs: startNs - 60_000_000_000n, toNs: endNs + 60_000_000_000n };
  const counts = await db.pool.query<{ spans: bigint; traces: bigint }>('SELECT (SELECT count(*) FROM spans) AS spans, (SELECT count(*) FROM trace_summaries) AS traces');
  console.log(`database: ${counts.rows[0]?.spans} spans, ${counts.rows[0]?.traces} traces; ${runs} runs per query, limit 20 unless noted, 1 h window`);
  console.log('| query | TraceQL | p50 ms | p99 ms | traces on page |');
  console.log('| --- | --- | ---: | ---: | ---: |');
  for (const [label, query, limit = 20] of BENCH_QUERIES) {
    const times: number[] = [];
    let found = 0;
    for (let r = 0; r < runs + 2; r++) {
      const t = performance.now();
      const result = await withStatementTimeout(db.pool, 60_000, (c) => searchTraces(c, { tenant: DEFAULT_TENANT, query, limit, ...window }));
      if (r >= 2) times.push(performance.now() - t); // the first two runs warm caches and plans
      found = result.traces.length;
    }
    times.sort((a, b) => a - b);
    console.log(`| ${label} | \`${query}\` | ${percentile(times, 50).toFixed(0)} | ${percentile(times, 99).toFixed(0)} | ${found} |`);
  }
  // The other read paths of issue 7 over the same data: Jaeger's service list and the services page.
  const others: Array<[string, () => Promise<unknown>]> = [
    ['Jaeger services list', () => listServices(db.pool, DEFAULT_TENANT)],
    ['service map + stats (1 h)', () => withStatementTimeout(db.pool, 60_000, (c) => buildServiceMap(c, { tenant: DEFAULT_TENANT, ...window }))],
  ];
  for (const [label, run] of others) {
    const times: number[] = [];
    for (let r = 0; r < Math.min(runs, 5) + 1; r++) {
      const t = performance.now();
      await run();
      if (r >= 1) times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`| ${label} | — | ${percentile(times, 50).toFixed(0)} | ${percentile(times, 99).toFixed(0)} | — |`);
  }
  await db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
