// bench:boot — the trace page's boot (issue 22: first rows < 0.5 s), two or more builds side by side: each
// build's `next start` on the same seeded database, page loads alternating build by build so every build meets
// the machine's load of the same minutes. Prints, per build, the medians of the boot's steps (page clock, ms
// since navigation start) and of the renderer's CPU time from navigation to first rows (main thread + worker;
// what matters on a loaded machine, where wall time swings with other people's work).
// Env: BOOT_BUILDS — comma-separated project directories, each with a built `.next` (default: this checkout;
// for a baseline, a directory holding symlinks to this checkout's node_modules, package.json and next.config.ts
// next to a copy of the old build's `.next`); BENCH_PORT (3601; build i serves on BENCH_PORT + i);
// BENCH_DATABASE (th_bench_ui_<BENCH_PORT>, seeded by `BENCH_SIZES=1000 BENCH_READS=0 npm run bench:ui`);
// BOOT_ROUNDS (8); BOOT_SIZE (1000: the seeded trace of that many spans).
import { loadavg } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { startBenchServer } from './bench-server';
import { rendererCpuSeconds } from './browser-memory';

const port = Number(process.env.BENCH_PORT ?? 3601);
const builds = (process.env.BOOT_BUILDS ?? path.resolve(__dirname, '..', '..')).split(',').map((d) => path.resolve(d));
const rounds = Number(process.env.BOOT_ROUNDS ?? 8);
const size = Number(process.env.BOOT_SIZE ?? 1000);
const server = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
const dbUrl = Object.assign(new URL(server.toString()), { pathname: `/${process.env.BENCH_DATABASE ?? `th_bench_ui_${port}`}` }).toString();
const TOKEN = 'th_bench-ui-admin-token-0123456789abcdefghij'; // bench:ui's, already stored in its database
const traceId = size.toString(16).padStart(32, 'b');

// Page source: the first painted row's frame, as bench:ui marks it (CSP bypassed, as there, for these probes).
const INIT = `(function poll() {
  if (document.querySelector('[data-testid="span-row"]')) { requestAnimationFrame(() => { window.__firstRows = performance.now(); }); return; }
  requestAnimationFrame(poll);
})();`;

const BOOT = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const scripts = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js') && e.startTime < nav.domContentLoadedEventStart);
  const hydrated = performance.getEntriesByName('tracehound:trace-page-hydrated')[0];
  const timings = JSON.parse(document.querySelector('section.trace-page')?.dataset.loadTimings ?? '{}');
  return {
    html: nav.responseEnd,
    scripts: Math.max(0, ...scripts.map((e) => e.responseEnd)),
    scriptKb: scripts.reduce((sum, e) => sum + e.encodedBodySize, 0) / 1024,
    requested: timings.requestedAtMs ?? NaN,
    hydrated: hydrated ? hydrated.startTime : NaN,
    received: timings.receivedAtMs ?? NaN,
    firstRows: window.__firstRows,
  };
})()`;

type Sample = Record<'html' | 'scripts' | 'scriptKb' | 'requested' | 'hydrated' | 'received' | 'firstRows' | 'cpuMs', number>;

async function loadOnce(browser: Browser, base: string): Promise<Sample> {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1600, height: 1000 }, extraHTTPHeaders: { Authorization: `Bearer ${TOKEN}` } });
  try {
    const page = await context.newPage();
    await page.addInitScript(INIT);
    const cpu0 = await rendererCpuSeconds(browser);
    await page.goto(`${base}/traces/${traceId}`, { timeout: 120_000 });
    await page.waitForFunction('window.__firstRows !== undefined', null, { timeout: 120_000, polling: 50 });
    const cpuMs = ((await rendererCpuSeconds(browser)) - cpu0) * 1000;
    return { ...((await page.evaluate(BOOT)) as Omit<Sample, 'cpuMs'>), cpuMs };
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : NaN;
}

async function main(): Promise<void> {
  const servers = [];
  for (const [i, root] of builds.entries()) servers.push(await startBenchServer(dbUrl, port + i, { TRACEHOUND_BOOTSTRAP_TOKEN: TOKEN, OTLP_GRPC_PORT: '0' }, root));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  const samples: Sample[][] = builds.map(() => []);
  const loads: number[] = [];
  try {
    // One unmeasured load per build: the server's first request loads the route's code.
    for (const i of builds.keys()) await loadOnce(browser, `http://127.0.0.1:${port + i}`);
    for (let round = 0; round < rounds; round++) {
      for (const i of builds.keys()) samples[i]!.push(await loadOnce(browser, `http://127.0.0.1:${port + i}`));
      loads.push(loadavg()[0]!);
    }
  } finally {
    await browser.close();
    for (const s of servers) s.stop();
  }
  console.log(`\n${size} spans, ${rounds} rounds, load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}; medians, ms since navigation start`);
  console.log('| build | HTML | scripts (KB) | rows requested | hydrated | rows from worker | first rows | renderer CPU to first rows |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [i, root] of builds.entries()) {
    const m = (key: keyof Sample) => median(samples[i]!.map((s) => s[key])).toFixed(0);
    console.log(`| ${root} | ${m('html')} | ${m('scripts')} (${m('scriptKb')}) | ${m('requested')} | ${m('hydrated')} | ${m('received')} | ${m('firstRows')} | ${m('cpuMs')} |`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
