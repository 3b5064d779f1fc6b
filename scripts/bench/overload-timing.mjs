// Preloaded into the bench server by `bench:ingest -- --overload` (node --import): where a refused ingest
// request's time goes on the server (issue #19). For every ingest POST it answers it writes one line to
// OVERLOAD_TIMING_FILE: the wall-clock time the response was finished, its status, the probe id (x-probe
// header, set by overload-prober.mjs), the wait from the socket's accept (or the previous response on a kept
// connection) to the 'request' event (headers parsed), and from the 'request' event to the response written.
// It writes a line per accepted connection, and every second the event loop's delay (perf_hooks.monitorEventLoopDelay) over that second
// and the main thread's garbage collections so far (count and milliseconds, minor and major).
// Diagnostics channels only: nothing in the app changes. Lines are buffered and written every 200 ms, not one
// write per response: at ~1,000 responses a second under overload, a write each took measurable main-thread time
// from the very server being measured.
import dc from 'node:diagnostics_channel';
import fs from 'node:fs';
import { PerformanceObserver, constants, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const file = process.env.OVERLOAD_TIMING_FILE;
// Main thread only: `--import` also runs in the server's worker threads (the span decode worker), which opened the
// same file again and wrote their own event-loop delay over the start of it (until 2026-11-29: the server's delay
// figures mixed in the decode worker's, and the first lines of the main thread's were overwritten).
if (file && isMainThread) {
  const out = fs.createWriteStream(file);
  let lines = '';
  const flush = () => {
    if (lines) out.write(lines);
    lines = '';
  };
  setInterval(flush, 200).unref();
  const now = () => performance.timeOrigin + performance.now();
  const READY = Symbol('ready');
  const START = Symbol('start');
  const INGEST = new Set(['/v1/traces', '/v1/logs', '/v1/metrics', '/api/v2/spans', '/api/v1/spans', '/loki/api/v1/push']);
  dc.subscribe('net.server.socket', ({ socket }) => {
    socket[READY] = now();
    // One line per accepted connection: a refusal that closes its connection makes the client's retry a new one.
    lines += `a ${socket[READY].toFixed(2)}\n`;
  });
  dc.subscribe('http.server.request.start', ({ request, socket }) => {
    request[START] = now();
    request[READY] = socket[READY];
  });
  dc.subscribe('http.server.response.finish', ({ request, response, socket }) => {
    const finished = now();
    socket[READY] = finished;
    if (request.method !== 'POST' || !INGEST.has((request.url || '').split('?')[0])) return;
    const probe = request.headers['x-probe'] || '';
    const wait = request[START] - request[READY];
    const handle = finished - request[START];
    lines += `r ${finished.toFixed(2)} ${response.statusCode} ${wait.toFixed(2)} ${handle.toFixed(2)} ${probe}\n`;
  });
  // Minor GCs (scavenges) and the rest (mark-compact and its incremental steps), cumulative: each one stops the
  // event loop, and a 429 that arrives meanwhile waits.
  const gc = { minor: 0, minorMs: 0, major: 0, majorMs: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) {
        gc.minor++;
        gc.minorMs += e.duration;
      } else {
        gc.major++;
        gc.majorMs += e.duration;
      }
    }
  }).observe({ entryTypes: ['gc'] });
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  setInterval(() => {
    lines += `d ${now().toFixed(2)} ${(delay.percentile(50) / 1e6).toFixed(2)} ${(delay.percentile(99) / 1e6).toFixed(2)} ${(delay.max / 1e6).toFixed(2)}\n`;
    lines += `g ${now().toFixed(2)} ${gc.minor} ${gc.minorMs.toFixed(1)} ${gc.major} ${gc.majorMs.toFixed(1)}\n`;
    delay.reset();
  }, 1000).unref();
}
