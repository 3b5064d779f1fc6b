// Child process of bench:agent: a small upstream service (JSON answer of ~200 bytes) and, on a second port,
// a sink standing in for the dashboard (accepts capture batches and OTLP spans). Prints both ports.
import { createServer } from 'node:http';

const answer = JSON.stringify({ ok: true, sku: 'sku-1', stock: 42, note: 'x'.repeat(150) });
const upstream = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) }).end(answer));
});
const sink = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(202, { 'content-type': 'application/json' }).end('{}'));
});
upstream.keepAliveTimeout = 65_000;
upstream.listen(0, '127.0.0.1', () => sink.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ upstream: upstream.address().port, sink: sink.address().port })}\n`)));
process.on('SIGTERM', () => process.exit(0));
