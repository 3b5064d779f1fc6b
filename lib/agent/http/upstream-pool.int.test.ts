// The agent's upstream HTTP/1.1 client against real servers on loopback: raw TCP servers that write exact
// bytes (so framing, closes and resets are what the test says), and node:http for the large-body case.
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamPool, type UpstreamCall, type UpstreamHandler } from './upstream-pool';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

interface RawServer {
  port: number;
  /** Every connection accepted, in order, and the request bytes each received. */
  connections: { socket: Socket; received: string }[];
}

/** A TCP server that calls `answer` each time a connection has received a full request head. */
async function rawServer(answer: (socket: Socket, request: string, index: number) => void): Promise<RawServer> {
  const connections: RawServer['connections'] = [];
  let requests = 0;
  const server: Server = createTcpServer((socket) => {
    const entry = { socket, received: '' };
    connections.push(entry);
    let pending = '';
    socket.on('data', (d: Buffer) => {
      entry.received += d.toString('latin1');
      pending += d.toString('latin1');
      const end = pending.indexOf('\r\n\r\n');
      if (end >= 0) {
        const request = pending.slice(0, end + 4);
        pending = pending.slice(end + 4);
        answer(socket, request, requests++);
      }
    });
    socket.on('error', () => {});
  });
  const port = await new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)));
  closers.push(async () => {
    for (const c of connections) c.socket.destroy();
    await new Promise((r) => server.close(r));
  });
  return { port, connections };
}

function pool(port: number, options: Partial<UpstreamPool['options']> = {}): UpstreamPool {
  const p = new UpstreamPool('127.0.0.1', port, { maxConnections: 16, keepAliveMs: 10_000, timeoutMs: 5_000, maxIdle: 16, ...options });
  closers.push(() => p.close());
  return p;
}

interface Outcome {
  status: number;
  headers: string[];
  body: Buffer;
  error: (Error & { code?: string }) | null;
}

/** One request; resolves when the handler hears the end or an error. `onData` may refuse chunks (backpressure). */
function call(p: UpstreamPool, head: string, options: { expectBody?: boolean; body?: PassThrough; chunked?: boolean; onData?: (chunk: Buffer, call: UpstreamCall) => boolean } = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const outcome: Outcome = { status: 0, headers: [], body: Buffer.alloc(0), error: null };
    const chunks: Buffer[] = [];
    const handler: UpstreamHandler = {
      onHead: (status, raw) => Object.assign(outcome, { status, headers: raw }),
      onData: (chunk) => {
        chunks.push(Buffer.from(chunk));
        return options.onData ? options.onData(chunk, upstreamCall) : true;
      },
      onEnd: () => resolve({ ...outcome, body: Buffer.concat(chunks) }),
      onError: (error) => resolve({ ...outcome, body: Buffer.concat(chunks), error }),
    };
    const upstreamCall: UpstreamCall = p.request({ head, expectBody: options.expectBody ?? true, body: options.body ?? null, chunked: options.chunked ?? false }, handler);
  });
}

const GET = (path: string) => `GET ${path} HTTP/1.1\r\nhost: test\r\n\r\n`;

describe('UpstreamPool', () => {
  it('reads Content-Length and chunked responses, and reuses one connection for sequential requests', async () => {
    const server = await rawServer((socket, request) => {
      if (request.startsWith('GET /chunked')) socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n');
      else socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello');
    });
    const p = pool(server.port);
    const first = await call(p, GET('/length'));
    expect([first.error, first.status, first.headers, first.body.toString()]).toEqual([null, 200, ['Content-Type', 'text/plain', 'Content-Length', '5'], 'hello']);
    const second = await call(p, GET('/chunked'));
    expect([second.error, second.body.toString()]).toEqual([null, 'abcdefg']);
    expect((await call(p, GET('/length'))).body.toString()).toBe('hello');
    expect(server.connections.length).toBe(1);
    expect(server.connections[0]!.received).toBe(GET('/length') + GET('/chunked') + GET('/length'));
  });

  it('expects no body for HEAD and 204, and the connection stays usable', async () => {
    const server = await rawServer((socket, request) => {
      if (request.startsWith('HEAD')) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n');
      else socket.write('HTTP/1.1 204 No Content\r\n\r\n');
    });
    const p = pool(server.port);
    const head = await call(p, 'HEAD /h HTTP/1.1\r\nhost: test\r\n\r\n', { expectBody: false });
    expect([head.error, head.status, head.body.length]).toEqual([null, 200, 0]);
    const empty = await call(p, GET('/none'));
    expect([empty.error, empty.status, empty.body.length]).toEqual([null, 204, 0]);
    expect(server.connections.length).toBe(1);
  });

  it('fails the call when the upstream closes mid-body, and does not reuse that connection', async () => {
    const server = await rawServer((socket, _request, index) => {
      if (index === 0) socket.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part');
      else socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    });
    const p = pool(server.port);
    const cut = await call(p, GET('/cut'));
    expect([cut.status, cut.body.toString(), cut.error?.code]).toEqual([200, 'only part', 'ECONNRESET']);
    const after = await call(p, GET('/after'));
    expect([after.error, after.body.toString()]).toEqual([null, 'ok']);
    expect(server.connections.length).toBe(2);
  });

  it('ends a body without framing when the upstream closes the connection', async () => {
    const server = await rawServer((socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end'));
    const p = pool(server.port);
    const r = await call(p, GET('/eof'));
    expect([r.error, r.body.toString()]).toEqual([null, 'until the end']);
  });

  it('sends a request body chunk-encoded, and its answer after the whole body', async () => {
    let seen = '';
    const server = await rawServer((socket) => {
      // The whole body may already have come with the head (a slow connect under load): check now and on each read.
      const check = () => {
        seen = server.connections[0]!.received;
        if (seen.endsWith('0\r\n\r\n')) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
      };
      socket.on('data', check);
      check();
    });
    const p = pool(server.port);
    const body = new PassThrough();
    const pending = call(p, 'POST /up HTTP/1.1\r\nhost: test\r\ntransfer-encoding: chunked\r\n\r\n', { body, chunked: true });
    body.write('abc');
    setTimeout(() => body.end('defgh'), 20);
    const r = await pending;
    expect([r.error, r.body.toString()]).toEqual([null, 'ok']);
    expect(seen.slice(seen.indexOf('\r\n\r\n') + 4)).toBe('3\r\nabc\r\n5\r\ndefgh\r\n0\r\n\r\n');
  });

  it('takes an answer that comes before the whole request body, drains the rest and does not reuse the connection', async () => {
    const server = await rawServer((socket, request) => {
      if (request.startsWith('POST')) {
        // It stops reading, so the upload backs up and the pool pauses the caller's body, then answers.
        socket.pause();
        socket.write('HTTP/1.1 413 Payload Too Large\r\nContent-Length: 3\r\n\r\nbig');
      } else socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    });
    const p = pool(server.port);
    const body = new PassThrough();
    body.write(Buffer.alloc(4_000_000));
    const r = await call(p, 'POST /up HTTP/1.1\r\nhost: test\r\ncontent-length: 4500000\r\n\r\n', { body });
    expect([r.error, r.status, r.body.toString()]).toEqual([null, 413, 'big']);
    // The caller's body stream is not left stalled: what it still produces is read and dropped.
    let drained = false;
    body.on('end', () => (drained = true));
    body.end(Buffer.alloc(500_000));
    for (let i = 0; i < 200 && !drained; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(drained).toBe(true);
    const after = await call(p, GET('/after'));
    expect([after.error, after.body.toString(), server.connections.length]).toEqual([null, 'ok', 2]);
  });

  it('retries a bodyless request once when a reused connection turns out closed', async () => {
    const server = await rawServer((socket, _request, index) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n' + String(index));
    });
    const p = pool(server.port);
    expect((await call(p, GET('/a'))).body.toString()).toBe('0');
    // The upstream resets the idle connection as the next request goes out on it.
    const idle = server.connections[0]!.socket;
    idle.removeAllListeners('data');
    idle.on('data', () => idle.resetAndDestroy());
    const r = await call(p, GET('/b'));
    expect([r.error, r.body.toString(), server.connections.length]).toEqual([null, '1', 2]);
  });

  it('answers 502-worthy errors for a refused connection', async () => {
    const server = await rawServer(() => {});
    const port = server.port;
    await closers.pop()!();
    const r = await call(pool(port), GET('/x'));
    expect(r.error?.code).toBe('ECONNREFUSED');
  });

  it('streams a large body with backpressure: the upstream stalls while the sink refuses chunks', async () => {
    const size = 64 * 1024 * 1024;
    let sent = 0;
    const http = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-length': size });
      const pump = () => {
        while (sent < size) {
          const n = Math.min(size - sent, 65_536);
          sent += n;
          if (!res.write(Buffer.alloc(n, 120))) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const port = await new Promise<number>((r) => http.listen(0, '127.0.0.1', () => r((http.address() as AddressInfo).port)));
    closers.push(() => new Promise((r) => http.close(() => r())));
    const p = pool(port);
    let received = 0;
    let sentWhilePaused = -1;
    const r = await call(p, GET('/big'), {
      onData: (chunk, upstreamCall) => {
        received += chunk.length;
        if (sentWhilePaused >= 0) return true;
        // The first chunk is refused for 300 ms: without backpressure the whole body would arrive meanwhile.
        setTimeout(() => {
          sentWhilePaused = sent;
          upstreamCall.resume();
        }, 300);
        sentWhilePaused = 0;
        return false;
      },
    });
    expect([r.error, received]).toEqual([null, size]);
    // What the upstream got out while the pool was paused is bounded by the socket buffers, far below the body.
    expect(sentWhilePaused).toBeGreaterThan(0);
    expect(sentWhilePaused).toBeLessThan(size / 4);
  });

  it('holds requests beyond maxConnections until a connection is free', async () => {
    const server = await rawServer((socket) => setTimeout(() => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx'), 20));
    const p = pool(server.port, { maxConnections: 2 });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => call(p, GET(`/${i}`))));
    expect(results.map((r) => r.body.toString())).toEqual(['x', 'x', 'x', 'x', 'x', 'x']);
    expect(server.connections.length).toBe(2);
  });

  it('abort closes the connection and the handler hears nothing more', async () => {
    const server = await rawServer((socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npart'));
    const p = pool(server.port);
    const heard: string[] = [];
    const upstreamCall = p.request(
      { head: GET('/slow'), expectBody: true, body: null, chunked: false },
      { onHead: () => heard.push('head'), onData: () => (heard.push('data'), true), onEnd: () => heard.push('end'), onError: () => heard.push('error') },
    );
    for (let i = 0; i < 1000 && !heard.includes('data'); i++) await new Promise((r) => setTimeout(r, 5));
    upstreamCall.abort();
    await new Promise<void>((r) => (server.connections[0]!.socket.destroyed ? r() : server.connections[0]!.socket.once('close', () => r())));
    expect(heard).toEqual(['head', 'data']);
  });
});
