// `npm run bench:ui`: the trace page in headless Chromium on generated traces of 1k, 10k, 100k and 500k
// spans. Serves the BUILT app (`next build` first) with `next start` on a fresh database, sends the traces
// through the real ingest endpoint (POST /v1/traces, OTLP/JSON, 5000 spans per request), and measures in the page:
// - first rows: navigation start → first waterfall row in the DOM at the next animation frame, and where that
//   time went. Two kinds of row: the server-rendered preview (span-row-preview, static rows in the HTML) and
//   the interactive rows (span-row, built by the worker); "first rows painted" is the earlier of the two,
//   "interactive rows" the worker's, as measured before the preview existed (HTML received, page scripts received, hydrated, rows requested, skeleton downloaded, rows back
//   from the worker; second table);
// - longest main-thread task after first rows (PerformanceObserver 'longtask', 3 s window);
// - scroll to the last row: scrollTop = max → last row rendered (next frame);
// - expand all after collapse all: click → all rows counted (aria-rowcount) and a frame painted;
// - settled: analysis merged, then the first row's details shown (they wait for the span attributes), then an
//   idle main thread (requestIdleCallback);
// - JS heap after GC of the main thread AND the workers (CDP, scripts/bench/browser-memory.ts), and the
//   renderer process's RSS;
// - critical path computed (segments > 0);
// - the renderer process's CPU time from navigation to settled (meaningful where wall time is not: a loaded machine);
// - find: names (answered in the worker) and an attribute value (the server's GET /api/traces/{id}/find), Enter →
//   the match count shown / the search finished, after the memory is read;
// - for the largest size: three clients reading each trace endpoint at once, with the server's peak RSS
//   (BENCH_READS=0 skips it).
// With JAEGER_UI_BUILD=<dir> (a static build of Jaeger UI) the same traces are opened in Jaeger UI too,
// interleaved size by size, served on BENCH_PORT+1 with its API answered by Tracehound's /jaeger API.
// Env: BENCH_PORT (3601), BENCH_SIZES (1000,10000,100000,500000), BENCH_REUSE=1 keeps the seeded database,
// BENCH_DATABASE (th_bench_ui_<port>), BENCH_READS (1), JAEGER_UI_BUILD, JAEGER_ROW_SELECTOR (.span-row).
// The seeded spans are ANALYZEd before measuring, as autovacuum would have done in production.
import { loadavg } from 'node:os';
import { startBenchServer } from './bench-server';
import { chromium, type Browser, type Page } from '@playwright/test';
import { measurePageMemory, rendererCpuSeconds, type PageMemory } from './browser-memory';
import { readConcurrently, type ConcurrentReadResult } from './concurrent-reads';
import { startJaegerUiServer } from './jaeger-ui-server';
import pg from 'pg';
import { otlpJsonFromSpans } from '../../test/support/otlp-json-from-spans';
import { generateTraceChunks } from './generate-trace';

const port = Number(process.env.BENCH_PORT ?? 3601);
const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000,500000').split(',').map(Number);
const server = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
const dbName = process.env.BENCH_DATABASE ?? `th_bench_ui_${port}`;
const dbUrl = Object.assign(new URL(server.toString()), { pathname: `/${dbName}` }).toString();

const jaegerBuild = process.env.JAEGER_UI_BUILD;
const jaegerRowSelector = process.env.JAEGER_ROW_SELECTOR ?? '.span-row';

// Issue 22's targets, and Jaeger UI 2.20's figures measured side by side in the issue (quoted when no
// JAEGER_UI_BUILD is given; with one, its rows are measured in this run).
const TARGET_ALL = 'first rows < 500 ms, expand/collapse/scroll < 100 ms';
const TARGETS: Record<number, string> = {
  500_000: `${TARGET_ALL}, settled < 6000 ms, total heap < 150 MB, server RSS < 600 MB with 3 readers`,
};
const JAEGER_QUOTED: Record<number, string> = {
  100_000: 'first rows 4.4 s',
  500_000: 'first rows 11.2 s, settled 12.3 s, heap 684 MB, no critical path',
};

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

/**
 * Page init script: `__firstRows` when the first interactive row (rowSelector) is in the DOM, `__firstPreview`
 * when the first preview row is (previewSelector; null for a UI without one), each at the next frame.
 */
const initScript = (rowSelector: string, previewSelector: string | null) => `
  window.__longtasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longtasks.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
  (function poll() {
    if (${JSON.stringify(previewSelector)} && window.__previewSeen === undefined && document.querySelector(${JSON.stringify(previewSelector)})) {
      window.__previewSeen = true;
      requestAnimationFrame(() => { window.__firstPreview = performance.now(); });
    }
    if (document.querySelector(${JSON.stringify(rowSelector)})) {
      requestAnimationFrame(() => { window.__firstRows = performance.now(); });
      return;
    }
    requestAnimationFrame(poll);
  })();
`;
const INIT = initScript('[data-testid="span-row"]', '[data-testid="span-row-preview"]');

interface Result extends PageMemory {
  ui: 'tracehound' | 'jaeger-ui';
  size: number;
  load1: number;
  /** The earlier of the first preview row and the first interactive row: the first rows painted. */
  firstPaintedMs: number;
  /** The server-rendered preview's first row; null when none was shown (no preview, or Jaeger UI). */
  firstPreviewMs: number | null;
  /** The first interactive (worker-built) row, as this bench measured "first rows" before the preview. */
  firstRowsMs: number;
  analyzedMs: number | null;
  settledMs: number;
  longestTaskAfterMs: number;
  scrollToLastMs: number | null;
  collapseAllMs: number | null;
  expandAllMs: number | null;
  criticalSegments: number;
  workerTimings: string;
  /** Where first rows' time went (Tracehound only); see BOOT below. */
  boot: Boot | null;
  /** The first page opened after the server started (server code still loading). */
  cold?: boolean;
  /** CPU seconds of the renderer process (page + worker) from before navigation to settled. */
  rendererCpuToSettledS: number | null;
  /** Find by name ("publish", 1 span in 5): Enter → count shown, and → attribute search done. */
  findNameMs: number | null;
  findNameAllMs: number | null;
  /** Find by attribute value ("item.index=123456", one span): Enter → final count shown. */
  findAttributeMs: number | null;
  findAttributeCount: string;
}

/** Enter in the find box with `query` → the match count's first text and the end of the attribute search. */
async function measureFind(page: Page, query: string): Promise<{ firstMs: number; allMs: number; text: string }> {
  const input = page.locator('[data-testid="find-input"]');
  // Start from an empty find, so the count shown next is this query's.
  await input.fill('');
  await input.press('Enter');
  await page.waitForFunction(`(document.querySelector('[data-testid="find-count"]')?.textContent ?? '') === ''`, null, { timeout: 60_000, polling: 50 });
  await input.fill(query);
  await page.evaluate(`(() => {
    window.__find = {};
    document.addEventListener('keydown', (e) => { if (e.key === 'Enter') window.__find.t0 = performance.now(); }, { capture: true, once: true });
    const poll = () => {
      const f = window.__find;
      const text = document.querySelector('[data-testid="find-count"]')?.textContent ?? '';
      if (f.t0 !== undefined && text !== '') {
        if (f.first === undefined) f.first = performance.now() - f.t0;
        if (!document.querySelector('[data-testid="find-searching"]')) { f.all = performance.now() - f.t0; f.text = text; return; }
      }
      requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  })()`);
  await input.press('Enter');
  await page.waitForFunction('window.__find.all !== undefined', null, { timeout: 120_000, polling: 50 });
  const f = (await page.evaluate('window.__find')) as { first: number; all: number; text: string };
  return { firstMs: f.first, allMs: f.all, text: f.text };
}

/** Page-clock times (ms since navigation start) of the steps before first rows. */
interface Boot {
  /** The trace page's HTML fully received. */
  htmlMs: number;
  /** The last of the scripts the HTML loads has arrived. */
  scriptsMs: number;
  /** The trace page's first effect ran (hydration done); mark `tracehound:trace-page-hydrated`. */
  hydratedMs: number | null;
  /** The page asked for the rows (fetch of the preloaded skeleton, worker booting). */
  requestedMs: number | null;
  /** The skeleton's last byte (resource timing of the preload). */
  skeletonMs: number | null;
  /** The worker's rows back on the main thread. */
  receivedMs: number | null;
}

// Read in the page once the first rows are painted. Scripts: the ones requested before DOMContentLoaded (the
// page's own), not chunks loaded later.
const BOOT = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  const scripts = resources.filter((e) => e.name.endsWith('.js') && e.startTime < nav.domContentLoadedEventStart);
  const skeleton = resources.find((e) => e.name.includes('view=skeleton'));
  const hydrated = performance.getEntriesByName('tracehound:trace-page-hydrated')[0];
  const timings = JSON.parse(document.querySelector('section.trace-page')?.dataset.loadTimings ?? '{}');
  return {
    htmlMs: nav.responseEnd,
    scriptsMs: Math.max(0, ...scripts.map((e) => e.responseEnd)),
    hydratedMs: hydrated ? hydrated.startTime : null,
    requestedMs: timings.requestedAtMs ?? null,
    skeletonMs: skeleton ? skeleton.responseEnd : null,
    receivedMs: timings.receivedAtMs ?? null,
  };
})()`;

// Resolves at the next idle period of the main thread: nothing queued that the page's code scheduled.
const IDLE = `new Promise((resolve) => requestIdleCallback(() => resolve(performance.now()), { timeout: 30000 }))`;

/** Time from `click` (page source) until the waterfall's aria-rowcount satisfies `done` and a frame is painted. */
function rowCountAfter(click: string, done: string): string {
  return `new Promise((resolve) => {
    const t0 = performance.now();
    ${click};
    const check = () => {
      const n = Number(document.querySelector('[data-testid="waterfall"]')?.getAttribute('aria-rowcount'));
      if (${done}) requestAnimationFrame(() => resolve(performance.now() - t0));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })`;
}

async function measure(browser: Browser, page: Page, size: number): Promise<Result> {
  const cpuBefore = await rendererCpuSeconds(browser);
  await page.goto(`http://127.0.0.1:${port}/traces/${traceIdFor(size)}`, { timeout: 120_000 });
  await page.waitForFunction('window.__firstRows !== undefined', null, { timeout: 120_000, polling: 50 });
  const firstRowsMs = (await page.evaluate('window.__firstRows')) as number;
  const firstPreviewMs = (await page.evaluate('window.__firstPreview ?? null')) as number | null;
  const boot = (await page.evaluate(BOOT)) as Boot;
  await page.waitForFunction(`document.querySelector('section.trace-page')?.dataset.analyzed === 'true'`, null, { timeout: 120_000, polling: 50 });
  const analyzedMs = (await page.evaluate('performance.now()')) as number;
  // Details need the span attributes, which the page loads after the analysis: the first row's detail panel
  // appearing means they are available; then the main thread must go idle.
  await page.locator('[data-testid="span-row"]').first().click();
  await page.waitForSelector('[data-testid="span-detail"]', { timeout: 120_000 });
  const settledMs = (await page.evaluate(IDLE)) as number;
  const cpuSettled = await rendererCpuSeconds(browser);
  await page.waitForTimeout(2000);
  const longestTaskAfterMs = (await page.evaluate(`window.__longtasks.filter((t) => t[0] >= ${firstRowsMs}).reduce((m, t) => Math.max(m, t[1]), 0)`)) as number;
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
  const collapseAllMs = (await page.evaluate(rowCountAfter(`document.querySelector('[data-testid="collapse-all"]').click()`, 'n < 10'))) as number;
  const expandAllMs = (await page.evaluate(rowCountAfter(`document.querySelector('[data-testid="expand-all"]').click()`, `n >= ${size}`))) as number;
  const memory = await measurePageMemory(browser, page);
  const findName = await measureFind(page, 'publish');
  const findAttribute = await measureFind(page, 'item.index=123456');
  const section = page.locator('section.trace-page');
  return {
    ui: 'tracehound',
    size,
    load1: loadavg()[0]!,
    firstPaintedMs: Math.min(firstRowsMs, firstPreviewMs ?? Infinity),
    firstPreviewMs,
    firstRowsMs,
    analyzedMs,
    settledMs,
    longestTaskAfterMs,
    scrollToLastMs,
    collapseAllMs,
    expandAllMs,
    ...memory,
    criticalSegments: Number(await section.getAttribute('data-critical-segments')),
    workerTimings: (await section.getAttribute('data-load-timings')) ?? '',
    boot,
    // Summed over renderer processes (the closed contexts' renderers have exited; about:blank's costs ~nothing).
    rendererCpuToSettledS: Math.max(0, cpuSettled - cpuBefore),
    findNameMs: findName.firstMs,
    findNameAllMs: findName.allMs,
    findAttributeMs: findAttribute.allMs,
    findAttributeCount: findAttribute.text,
  };
}

/**
 * Jaeger UI on the same trace: first rows as for Tracehound (its rows match JAEGER_ROW_SELECTOR); it builds
 * everything before showing rows, so "settled" is the end of the last long task before 2 s without one.
 */
async function measureJaeger(browser: Browser, page: Page, jaegerPort: number, size: number): Promise<Result> {
  await page.addInitScript(initScript(jaegerRowSelector, null));
  await page.goto(`http://127.0.0.1:${jaegerPort}/trace/${traceIdFor(size)}`, { timeout: 120_000 });
  await page.waitForFunction('window.__firstRows !== undefined', null, { timeout: 300_000, polling: 50 });
  const firstRowsMs = (await page.evaluate('window.__firstRows')) as number;
  await page.waitForFunction(`(() => { const last = window.__longtasks.reduce((m, t) => Math.max(m, t[0] + t[1]), 0); return performance.now() - last > 2000; })()`, null, {
    timeout: 300_000,
    polling: 100,
  });
  const settledMs = (await page.evaluate(`Math.max(window.__firstRows, window.__longtasks.reduce((m, t) => Math.max(m, t[0] + t[1]), 0))`)) as number;
  const longestTaskAfterMs = (await page.evaluate(`window.__longtasks.filter((t) => t[0] >= ${firstRowsMs}).reduce((m, t) => Math.max(m, t[1]), 0)`)) as number;
  return {
    ui: 'jaeger-ui',
    size,
    load1: loadavg()[0]!,
    firstPaintedMs: firstRowsMs,
    firstPreviewMs: null,
    firstRowsMs,
    analyzedMs: null,
    settledMs,
    longestTaskAfterMs,
    scrollToLastMs: null,
    collapseAllMs: null,
    expandAllMs: null,
    ...(await measurePageMemory(browser, page)),
    criticalSegments: 0,
    workerTimings: '',
    boot: null,
    rendererCpuToSettledS: null,
    findNameMs: null,
    findNameAllMs: null,
    findAttributeMs: null,
    findAttributeCount: '',
  };
}

async function openAndMeasure(browser: Browser, measureIn: (page: Page) => Promise<Result>): Promise<Result> {
  // The page reads as an admin through an API token, as a signed-in user would through a session.
  // bypassCSP: the page's CSP (per-request nonce, no eval) would refuse Playwright's string predicates.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1600, height: 1000 }, extraHTTPHeaders: { Authorization: `Bearer ${BENCH_TOKEN}` } });
  try {
    const page = await context.newPage();
    const r = await measureIn(page);
    console.log(JSON.stringify(r));
    return r;
  } finally {
    await context.close();
  }
}

const sizeLabel = (r: Result) => `${r.size.toLocaleString('en')}${r.cold ? ' (cold server)' : ''}`;
const ms = (v: number | null) => (v === null ? '–' : `${v.toFixed(0)} ms`);
const mb = (v: number) => `${v.toFixed(0)} MB`;

function printResults(results: Result[], reads: ConcurrentReadResult[]): void {
  console.log(
    '\n| spans | UI | load avg | first rows painted | preview rows | interactive rows | analysis merged | settled | renderer CPU to settled | longest task after | scroll to last | collapse all | expand all | heap main | heap workers | heap total | + array buffers | renderer RSS | find name (all) | find attribute | critical path | target | Jaeger UI 2.20 (issue) |',
  );
  console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |');
  for (const r of results) {
    const critical = r.ui === 'jaeger-ui' ? '–' : r.criticalSegments > 0 ? `yes (${r.criticalSegments} segments)` : 'no';
    console.log(
      `| ${sizeLabel(r)} | ${r.ui} | ${r.load1.toFixed(1)} | ${ms(r.firstPaintedMs)} | ${ms(r.firstPreviewMs)} | ${ms(r.firstRowsMs)} | ${ms(r.analyzedMs)} | ${ms(r.settledMs)} | ${r.rendererCpuToSettledS === null ? '–' : `${r.rendererCpuToSettledS.toFixed(2)} s`} | ${ms(r.longestTaskAfterMs)} | ${ms(r.scrollToLastMs)} | ${ms(r.collapseAllMs)} | ${ms(r.expandAllMs)} | ${mb(r.mainHeapMb)} | ${mb(r.workerHeapMb)} | ${mb(r.totalHeapMb)} | ${mb(r.arrayBuffersMb)} | ${mb(r.rendererRssMb)} | ${ms(r.findNameMs)} (${ms(r.findNameAllMs)}) | ${ms(r.findAttributeMs)} (${r.findAttributeCount}) | ${critical} | ${r.ui === 'tracehound' ? (TARGETS[r.size] ?? TARGET_ALL) : ''} | ${r.ui === 'tracehound' ? (JAEGER_QUOTED[r.size] ?? '') : ''} |`,
    );
  }
  console.log('\n| spans | load avg | HTML | scripts | hydrated | rows requested | skeleton downloaded | rows from worker | preview rows | interactive rows |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    if (!r.boot) continue;
    const b = r.boot;
    console.log(
      `| ${sizeLabel(r)} | ${r.load1.toFixed(1)} | ${ms(b.htmlMs)} | ${ms(b.scriptsMs)} | ${ms(b.hydratedMs)} | ${ms(b.requestedMs)} | ${ms(b.skeletonMs)} | ${ms(b.receivedMs)} | ${ms(r.firstPreviewMs)} | ${ms(r.firstRowsMs)} |`,
    );
  }
  if (reads.length === 0) return;
  console.log('\n| endpoint (largest trace) | clients | all done | MB per client | server RSS idle → peak | target |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  for (const r of reads) {
    console.log(`| GET ${r.path} | ${r.clients} | ${ms(r.totalMs)} | ${r.mb.toFixed(1)} | ${mb(r.idleRssMb)} → ${mb(r.peakRssMb)} | < 600 MB (${r.peakRssMb < 600 ? 'met' : 'NOT met'}) |`);
  }
}

/** Three clients at once on each trace-reading endpoint for the largest trace (issue 22: bounded server memory). */
async function concurrentReads(serverPid: number): Promise<ConcurrentReadResult[]> {
  const id = traceIdFor(Math.max(...sizes));
  const paths = [`/api/traces/${id}/spans?view=skeleton`, `/api/traces/${id}/spans`, `/api/traces/${id}`, `/jaeger/api/traces/${id}`];
  const out: ConcurrentReadResult[] = [];
  for (const path of paths) {
    const r = await readConcurrently(`http://127.0.0.1:${port}`, path, BENCH_TOKEN, serverPid);
    console.log(JSON.stringify({ ...r, load1: loadavg()[0] }));
    out.push(r);
  }
  return out;
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
  const jaeger = jaegerBuild ? await startJaegerUiServer(jaegerBuild, port + 1, `http://127.0.0.1:${port}`, BENCH_TOKEN) : null;
  const results: Result[] = [];
  let reads: ConcurrentReadResult[] = [];
  try {
    // The first page after `next start` also pays for loading the server code of every route it touches (the
    // page, its layout's session check, the trace endpoints): ~0.95 s of server CPU against ~0.25 s warm for
    // the 1k trace (issue 22). Measured once on its own row, so the per-size rows measure the page.
    const cold = await openAndMeasure(browser, async (page) => {
      await page.addInitScript(INIT);
      return measure(browser, page, Math.min(...sizes));
    });
    results.push({ ...cold, cold: true });
    // Interleaved size by size, so both UIs meet the machine's load of the same minutes.
    for (const size of sizes) {
      results.push(
        await openAndMeasure(browser, async (page) => {
          await page.addInitScript(INIT);
          return measure(browser, page, size);
        }),
      );
      if (jaeger) results.push(await openAndMeasure(browser, (page) => measureJaeger(browser, page, port + 1, size)));
    }
    await browser.close();
    if (process.env.BENCH_READS !== '0') reads = await concurrentReads(app.pid);
  } finally {
    await browser.close();
    jaeger?.close();
    app.stop();
  }
  printResults(results, reads);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
