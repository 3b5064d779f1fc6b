// `npm run bench:ui`: the trace page in headless Chromium on generated traces of 1k, 10k, 100k and 500k
// spans. Serves the BUILT app (`next build` first) with `next start` on a fresh database, sends the traces
// through the real ingest endpoint (POST /v1/traces, OTLP/JSON, 5000 spans per request), and measures in the page:
// - first rows: navigation start → first waterfall row in the DOM at the next animation frame;
// - longest main-thread task after first rows (PerformanceObserver 'longtask', 3 s window);
// - scroll to the last row: scrollTop = max → last row rendered (next frame);
// - expand all after collapse all: click → all rows counted (aria-rowcount) and a frame painted;
// - JS heap of the page's main thread (CDP Performance.getMetrics) after load;
// - critical path computed (segments > 0).
// Env: BENCH_PORT (3601), BENCH_SIZES (1000,10000,100000,500000), BENCH_REUSE=1 keeps the seeded database.
// The seeded spans are ANALYZEd before measuring, as autovacuum would have done in production.
import { startBenchServer } from './bench-server';
import { chromium, type Page } from '@playwright/test';
import pg from 'pg';
import { otlpJsonFromSpans } from '../../test/support/otlp-json-from-spans';
import { generateTraceChunks } from './generate-trace';

const port = Number(process.env.BENCH_PORT ?? 3601);
const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000,500000').split(',').map(Number);
const server = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
const dbName = process.env.BENCH_DATABASE ?? `th_bench_ui_${port}`;
const dbUrl = Object.assign(new URL(server.toString()), { pathname: `/${dbName}` }).toString();

const TARGETS: Record<number, string> = {
  100_000: 'first rows < 1500 ms, expand-all < 300 ms, heap < 300 MB',
  500_000: 'first rows < 4000 ms, no task > 200 ms after first paint, critical path computed',
};
const JAEGER: Record<number, string> = { 100_000: 'first rows ~3300 ms', 500_000: 'first rows ~10000 ms, 4 s freeze, no critical path' };

function traceIdFor(size: number): string {
  return size.toString(16).padStart(32, 'b');
}

/** Recreates the bench database unless BENCH_REUSE=1 and it exists; true when traces must be sent. */
async function prepareDatabase(): Promise<boolean> {
  const adminUrl = Object.assign(new URL(server.toString()), { pathname: '/postgres' }).toString();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rowCount === 1;
    if (exists && process.env.BENCH_REUSE === '1') return false;
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${dbName}"`);
    return true;
  } finally {
    await admin.end();
  }
}

async function sendTraces(): Promise<void> {
  const start = BigInt(Date.now() - 60_000) * 1_000_000n;
  for (const size of sizes) {
    const t0 = Date.now();
    for (const chunk of generateTraceChunks(traceIdFor(size), size, start, 5000)) {
      const response = await fetch(`http://127.0.0.1:${port}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: otlpJsonFromSpans(chunk),
      });
      if (!response.ok) throw new Error(`POST /v1/traces answered ${response.status}: ${await response.text()}`);
    }
    console.log(`sent ${size} spans through POST /v1/traces in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}

const BENCH_TOKEN = 'th_bench-ui-admin-token-0123456789abcdefghij';

const INIT = `
  window.__longtasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longtasks.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
  (function poll() {
    if (document.querySelector('[data-testid="span-row"]')) {
      requestAnimationFrame(() => { window.__firstRows = performance.now(); });
      return;
    }
    requestAnimationFrame(poll);
  })();
`;

interface Result {
  size: number;
  firstRowsMs: number;
  analyzedMs: number;
  longestTaskAfterMs: number;
  scrollToLastMs: number;
  expandAllMs: number;
  heapMb: number;
  criticalSegments: number;
  workerTimings: string;
}

async function measure(page: Page, size: number): Promise<Result> {
  await page.goto(`http://127.0.0.1:${port}/traces/${traceIdFor(size)}`, { timeout: 120_000 });
  await page.waitForFunction('window.__firstRows !== undefined', null, { timeout: 120_000, polling: 50 });
  const firstRowsMs = (await page.evaluate('window.__firstRows')) as number;
  await page.waitForFunction(`document.querySelector('section.trace-page')?.dataset.analyzed === 'true'`, null, { timeout: 120_000, polling: 50 });
  const analyzedMs = (await page.evaluate('performance.now()')) as number;
  await page.waitForTimeout(2000);
  const longestTaskAfterMs = (await page.evaluate(
    `window.__longtasks.filter((t) => t[0] >= ${firstRowsMs}).reduce((m, t) => Math.max(m, t[1]), 0)`,
  )) as number;
  // Page-side measurements are passed as source text: tsx's transform would inject helpers (__name) that do
  // not exist in the page.
  const scrollToLastMs = (await page.evaluate(`new Promise((resolve) => {
    const el = document.querySelector('[data-testid="waterfall"]');
    const last = el.getAttribute('aria-rowcount');
    const t0 = performance.now();
    el.scrollTop = el.scrollHeight;
    const check = () => {
      if (el.querySelector('[aria-rowindex="' + last + '"]')) requestAnimationFrame(() => resolve(performance.now() - t0));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })`)) as number;
  await page.getByTestId('collapse-all').click();
  await page.waitForFunction(`Number(document.querySelector('[data-testid="waterfall"]')?.getAttribute('aria-rowcount')) < 10`);
  const expandAllMs = (await page.evaluate(`new Promise((resolve) => {
    const t0 = performance.now();
    document.querySelector('[data-testid="expand-all"]').click();
    const check = () => {
      const n = Number(document.querySelector('[data-testid="waterfall"]')?.getAttribute('aria-rowcount'));
      if (n >= ${size}) requestAnimationFrame(() => resolve(performance.now() - t0));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })`)) as number;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  const section = page.locator('section.trace-page');
  return {
    size,
    firstRowsMs,
    analyzedMs,
    longestTaskAfterMs,
    scrollToLastMs,
    expandAllMs,
    heapMb: heap / 1024 / 1024,
    criticalSegments: Number(await section.getAttribute('data-critical-segments')),
    workerTimings: (await section.getAttribute('data-load-timings')) ?? '',
  };
}

async function main(): Promise<void> {
  const fresh = await prepareDatabase();
  const app = await startBenchServer(dbUrl, port, { TRACEHOUND_BOOTSTRAP_TOKEN: BENCH_TOKEN });
  if (fresh) {
    await sendTraces();
    // Statistics as autovacuum would have them minutes after ingest (autovacuum is off on the dev machines):
    // without them the planner scans the whole day partition through an unrelated index.
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    await client.query('ANALYZE spans');
    await client.end();
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  const results: Result[] = [];
  try {
    for (const size of sizes) {
      // The page reads as an admin through an API token, as a signed-in user would through a session.
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, extraHTTPHeaders: { Authorization: `Bearer ${BENCH_TOKEN}` } });
      const page = await context.newPage();
      await page.addInitScript(INIT);
      const r = await measure(page, size);
      results.push(r);
      console.log(JSON.stringify(r));
      await context.close();
    }
  } finally {
    await browser.close();
    app.stop();
  }
  console.log('\n| spans | first rows | analysis merged | longest task after | scroll to last | expand all | heap (main) | critical path | target | Jaeger UI 2.20 |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |');
  for (const r of results) {
    console.log(
      `| ${r.size.toLocaleString('en')} | ${r.firstRowsMs.toFixed(0)} ms | ${r.analyzedMs.toFixed(0)} ms | ${r.longestTaskAfterMs.toFixed(0)} ms | ${r.scrollToLastMs.toFixed(0)} ms | ${r.expandAllMs.toFixed(0)} ms | ${r.heapMb.toFixed(0)} MB | ${r.criticalSegments > 0 ? `yes (${r.criticalSegments} segments)` : 'no'} | ${TARGETS[r.size] ?? ''} | ${JAEGER[r.size] ?? ''} |`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
