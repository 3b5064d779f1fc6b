// Differential check of the route's own request-head reader against node:http's parser (llhttp) on real loopback
// connections: for generated heads (a valid head with random edits: control characters, blanks, colons, framing
// and connection headers), whenever readRequestHead serves a head itself, node:http must read the same request —
// method, target, raw headers — and see the request that follows it start at the same byte. A disagreement about
// where a request ends is request smuggling; this is the test that would find one.
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRequestHead } from './request-head';

interface Seen {
  method: string;
  url: string;
  rawHeaders: string[];
}

let server: Server;
let port: number;
/** Requests node:http read, by the client's port (one connection per case). */
const seenBy = new Map<number, Seen[]>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const key = req.socket.remotePort!;
    const list = seenBy.get(key) ?? [];
    list.push({ method: req.method!, url: req.url!, rawHeaders: req.rawHeaders });
    seenBy.set(key, list);
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

/** Sends `bytes` on a new connection, waits until node:http has answered `answers` responses or closed it, and returns what it read. */
function send(bytes: Buffer, answers: number): Promise<Seen[]> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let localPort = 0;
    socket.on('connect', () => (localPort = socket.localPort!));
    const done = () => {
      socket.destroy();
      resolve(seenBy.get(localPort) ?? []);
    };
    const timer = setTimeout(done, 2_000);
    socket.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      if ((text.match(/HTTP\/1\.1 \d{3} /g) ?? []).length >= answers && text.endsWith('ok')) {
        clearTimeout(timer);
        done();
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(seenBy.get(localPort) ?? []);
    });
    socket.on('error', () => {});
    socket.write(bytes);
  });
}

const EDITS = [' ', '\t', '\r', '\n', '\r\n', '\0', ':', ',', '\x7f', '\xe9', '\x0b', 'a', '/', '?', '%', '"', '#', '<', '{', '|', '\\', '^', '`', '@', ';', '='];
const EXTRA_HEADERS = [
  'Content-Length: 0',
  'Content-Length: 5',
  'Content-Length: 00',
  'Content-Length:0',
  'Content-Length: 0 ',
  'Content-Length: 0, 0',
  'Transfer-Encoding: chunked',
  'Transfer-Encoding : chunked',
  ' Transfer-Encoding: chunked',
  'Host: other',
  'Connection: close',
  'Connection: keep-alive',
  'Connection: Keep-Alive, x-drop',
  'Expect: 100-continue',
  'Upgrade: h2c',
  'x-fold: a\r\n b',
  'x-empty:',
  'x-tab:\tv\t',
];

describe('readRequestHead against node:http', () => {
  it('serves only heads that node:http reads the same way and ends at the same byte', async () => {
    let caseNo = 0;
    let served = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'HEAD', 'DELETE', 'OPTIONS', 'POST'),
        fc.array(fc.constantFrom(...EXTRA_HEADERS), { maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...EDITS)), { maxLength: 2 }),
        async (method, extra, edits) => {
          const id = String(++caseNo);
          let head = `${method} /items/1?case=${id} HTTP/1.1\r\nHost: shop\r\nx-case: ${id}\r\naccept: */*\r\n${extra.map((h) => `${h}\r\n`).join('')}`;
          // Edits land inside the head, never in its final blank line.
          for (const [at, text] of edits) {
            const where = 10 + (at % Math.max(1, head.length - 12));
            head = head.slice(0, where) + text + head.slice(where);
          }
          head += '\r\n';
          const ours = readRequestHead(Buffer.from(head, 'latin1'));
          if (typeof ours === 'string') return; // node:http's to read: nothing to compare
          served++;
          // node:http gets our head (an edit may have ended it early) and then a request of its own: it must read
          // exactly those two.
          const sentinel = `GET /sentinel?case=${id} HTTP/1.1\r\nHost: shop\r\n\r\n`;
          const bytes = Buffer.concat([Buffer.from(head, 'latin1').subarray(0, ours.end), Buffer.from(sentinel, 'latin1')]);
          const seen = await send(bytes, 2);
          expect(
            seen.map((s) => s.url),
            JSON.stringify(head),
          ).toEqual([ours.url, `/sentinel?case=${id}`]);
          expect(seen[0], JSON.stringify(head)).toEqual({ method: ours.method, url: ours.url, rawHeaders: ours.rawHeaders });
        },
      ),
      { numRuns: 1500, seed: 1129 },
    );
    // The generator must reach the interesting side too (heads the route serves itself), or the test proves nothing.
    expect(served).toBeGreaterThan(150);
  }, 120_000);
});
