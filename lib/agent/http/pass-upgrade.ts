// WebSocket (and any other Upgrade) requests pass through untouched: the request head is replayed to the
// upstream over a fresh TCP socket and the two sockets are piped. Upgrades are never faulted or captured.
import { connect, type Socket } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

export function passUpgrade(upstream: URL, req: IncomingMessage, client: Duplex, head: Buffer): void {
  const port = Number(upstream.port || (upstream.protocol === 'https:' ? 443 : 80));
  const server: Socket = connect(port, upstream.hostname, () => {
    const lines = [`${req.method} ${req.url} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i]!;
      lines.push(`${name}: ${name.toLowerCase() === 'host' ? upstream.host : req.rawHeaders[i + 1]}`);
    }
    server.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length) server.write(head);
    server.pipe(client).pipe(server);
  });
  const end = () => {
    server.destroy();
    client.destroy();
  };
  server.on('error', end);
  client.on('error', end);
  server.on('close', end);
  client.on('close', end);
}
