// A tiny second client for `bench:ingest -- --overload` (issue #19): run as its own process next to the 96
// senders, so its timings do not include the bench client's event-loop lag or a 1 MB upload. Every
// PROBE_INTERVAL_MS (250) it posts a 1-byte OTLP export on a new connection (x-probe: <n>, matched with the server's
// own timestamps from overload-timing.mjs) and a GET /api/health, and times each to its response headers. On
// SIGTERM it prints one JSON line: per probe the wall-clock start, connect and headers times and the status,
// and its own event-loop delay (to show it was not the one lagging).
import http from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

const port = Number(process.env.BENCH_PORT ?? 3300);
const interval = Number(process.env.PROBE_INTERVAL_MS ?? 250);
const now = () => performance.timeOrigin + performance.now();
const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
const probes = [];
let n = 0;

function probe(kind) {
  const id = `${kind}${n++}`;
  const p = { id, kind, start: now(), connect: 0, headers: 0, status: 0, error: '' };
  probes.push(p);
  const req = http.request(
    kind === 'x'
      ? { port, host: '127.0.0.1', method: 'POST', path: '/v1/traces', agent: false, headers: { 'content-type': 'application/x-protobuf', 'content-length': '1', 'x-probe': id } }
      : { port, host: '127.0.0.1', method: 'GET', path: '/api/health', agent: false },
    (res) => {
      p.headers = now();
      p.status = res.statusCode ?? 0;
      res.resume();
    },
  );
  req.on('socket', (s) => s.on('connect', () => (p.connect = now())));
  req.on('error', (e) => (p.error = e.code ?? e.message));
  req.end(kind === 'x' ? Buffer.from([0x0a]) : undefined);
}

const timer = setInterval(() => {
  probe('x');
  probe('h');
}, interval);
process.on('SIGTERM', () => {
  clearInterval(timer);
  // Leave the last probes a moment to answer.
  setTimeout(() => {
    process.stdout.write(JSON.stringify({ probes, loopDelayMs: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 } }) + '\n');
    process.exit(0);
  }, 2000);
});
