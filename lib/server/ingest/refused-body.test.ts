import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { skipRefusedBody } from './refused-body';

let server: http.Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Two POSTs with bodies on one raw connection; the answers as text, once both have been answered. */
function twoRequests(port: number, first: Buffer, second: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      if ((text.match(/HTTP\/1\.1 /g) ?? []).length === 2 && text.endsWith('second-done')) socket.end();
    });
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
    socket.write(`POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: ${first.length}\r\n\r\n`);
    socket.write(first);
    socket.write(`POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: ${second.length}\r\n\r\n`);
    socket.write(second);
  });
}

describe('skipRefusedBody', () => {
  it("keeps a refused body from JavaScript, and the connection's next request gets its body whole", async () => {
    const seen: { url: string; bytes: number; skipped: boolean }[] = [];
    server = http.createServer((req, res) => {
      if (req.url === '/a') {
        const skipped = skipRefusedBody(req);
        const entry = { url: req.url, bytes: 0, skipped };
        seen.push(entry);
        req.on('data', (d: Buffer) => (entry.bytes += d.length));
        res.writeHead(429, { 'content-length': '0' }).end();
        return;
      }
      const entry = { url: req.url ?? '', bytes: 0, skipped: false };
      seen.push(entry);
      req.on('data', (d: Buffer) => (entry.bytes += d.length));
      req.on('end', () => res.end('second-done'));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const answers = await twoRequests(port, Buffer.alloc(300_000, 1), Buffer.alloc(200_000, 2));
    expect(answers).toMatch(/^HTTP\/1\.1 429 /);
    expect(answers).toMatch(/HTTP\/1\.1 200 OK[\s\S]*second-done$/);
    // Node's own discard would still hand the first body to 'data' listeners attached before the response ended.
    expect(seen).toEqual([
      { url: '/a', bytes: 0, skipped: true },
      { url: '/b', bytes: 200_000, skipped: false },
    ]);
  });

  it('changes nothing for a request without a parser (its socket already detached)', () => {
    expect(skipRefusedBody({ socket: { parser: null } as unknown as net.Socket })).toBe(false);
  });
});
