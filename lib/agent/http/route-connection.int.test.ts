// An HTTP route's own client connections (route-connection.ts) on real loopback sockets, written byte by byte so
// the framing is what is under test: plain requests served by the route, the hand-over to node:http on the same
// connection (a body, a fault, a partial head, pipelined requests behind one), response framing (length, chunked,
// close-delimited, HEAD), an upstream header that could split the response, and a client that half-closes.
import { connect, createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAgent, startUpstream, type TestAgent, type Upstream } from '@/test/support/agent-harness';

let upstream: Upstream;
let raw: TcpServer;
/** What the raw upstream answers: set per test. */
let rawAnswer = '';
let agent: TestAgent;

beforeAll(async () => {
  upstream = await startUpstream();
  // An upstream that answers every request with fixed bytes (then closes when the answer has no framing).
  raw = createTcpServer((socket) => {
    socket.on('error', () => {});
    socket.on('data', () => {
      socket.write(rawAnswer);
      if (!/content-length|transfer-encoding/i.test(rawAnswer)) socket.end();
    });
  });
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
  agent = await startTestAgent({
    routes: [
      { name: 'api', protocol: 'http', upstream: upstream.url },
      { name: 'raw', protocol: 'http', upstream: `http://127.0.0.1:${(raw.address() as AddressInfo).port}` },
    ],
  });
  expect((await agent.call('PUT', '/tracehound/lease', { holder: 'test', ttlMs: 60_000 })).status).toBe(200);
});

afterAll(async () => {
  await agent?.stop();
  await upstream?.close();
  await new Promise((r) => raw?.close(r));
});

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A client connection that reads HTTP/1.1 responses off the wire (length, chunked or close-delimited bodies). */
class WireClient {
  readonly socket: Socket;
  private buffer = '';
  private closed = false;
  private waiters: (() => void)[] = [];

  constructor(route: string) {
    const { port } = new URL(agent.routeUrl(route));
    this.socket = connect(Number(port), '127.0.0.1');
    this.socket.on('data', (d: Buffer) => {
      this.buffer += d.toString('latin1');
      this.wake();
    });
    this.socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    this.socket.on('error', () => {});
  }

  write(text: string): void {
    this.socket.write(Buffer.from(text, 'latin1'));
  }

  /** A plain GET of `path`, and its answer. */
  get(path: string): Promise<Answer> {
    this.write(`GET ${path} HTTP/1.1\r\nHost: shop\r\n\r\n`);
    return this.read();
  }

  /** The next complete response; `head` is true for the answer to a HEAD request (no body whatever it says). */
  async read(head = false): Promise<Answer> {
    for (;;) {
      const answer = this.take(head);
      if (answer) return answer;
      if (this.closed) throw new Error(`connection closed; unread: ${JSON.stringify(this.buffer)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5_000);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves when the agent closes the connection; with what it sent that was not read. */
  async closedWith(): Promise<string> {
    for (let i = 0; i < 500 && !this.closed; i++) await new Promise((r) => setTimeout(r, 10));
    return this.closed ? this.buffer : 'still open';
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private take(head: boolean): Answer | null {
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0) return null;
    const lines = this.buffer.slice(0, end).split('\r\n');
    const status = Number(lines[0]!.split(' ')[1]);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    let rest = this.buffer.slice(end + 4);
    let body = '';
    if (head || status === 204 || status === 304) {
      // no body
    } else if (headers['transfer-encoding'] === 'chunked') {
      for (;;) {
        const eol = rest.indexOf('\r\n');
        if (eol < 0) return null;
        const size = parseInt(rest.slice(0, eol), 16);
        if (rest.length < eol + 2 + size + 2) return null;
        body += rest.slice(eol + 2, eol + 2 + size);
        rest = rest.slice(eol + 2 + size + 2);
        if (size === 0) break;
      }
    } else if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      if (rest.length < length) return null;
      body = rest.slice(0, length);
      rest = rest.slice(length);
    } else {
      if (!this.closed) return null;
      body = rest;
      rest = '';
    }
    this.buffer = rest;
    return { status, headers, body };
  }
}

const echoed = (answer: Answer) => JSON.parse(answer.body) as { method: string; url: string; headers: Record<string, string>; bodyBytes: number };

describe('HTTP route connections', () => {
  it('serves keep-alive requests, then hands the connection to node:http for a body, which serves the rest', async () => {
    const client = new WireClient('api');
    client.write('GET /one HTTP/1.1\r\nHost: shop\r\nX-Id: 1\r\n\r\n');
    const first = await client.read();
    expect([first.status, echoed(first).url, echoed(first).headers['x-id'], echoed(first).headers.host]).toEqual([200, '/one', '1', upstream.hostPort]);
    expect(first.headers.connection).toBe('keep-alive');
    expect(first.headers.date).toBeTruthy();
    // A request with a body, its body sent in a second write after a pause.
    client.write('POST /two HTTP/1.1\r\nHost: shop\r\nContent-Length: 10\r\n\r\n01234');
    await new Promise((r) => setTimeout(r, 50));
    client.write('56789GET /three HTTP/1.1\r\nHost: shop\r\n\r\n');
    const second = await client.read();
    const third = await client.read();
    expect([echoed(second).method, echoed(second).url, echoed(second).bodyBytes]).toEqual(['POST', '/two', 10]);
    expect([echoed(third).method, echoed(third).url]).toEqual(['GET', '/three']);
    client.socket.destroy();
  });

  it('answers pipelined requests in order, and a partial head once it is complete', async () => {
    const client = new WireClient('api');
    client.write('GET /p1 HTTP/1.1\r\nHost: shop\r\n\r\nHEAD /p2 HTTP/1.1\r\nHost: shop\r\n\r\nGET /p3 HTTP/1.1\r\nHo');
    const p1 = await client.read();
    const p2 = await client.read(true);
    await new Promise((r) => setTimeout(r, 30));
    client.write('st: shop\r\n\r\n');
    const p3 = await client.read();
    // HEAD: no body follows (the third answer is read right after the second's head).
    expect([echoed(p1).url, p2.status, p2.body, echoed(p3).url]).toEqual(['/p1', 200, '', '/p3']);
    client.socket.destroy();
  });

  it('never forwards a request hidden behind conflicting framing (node:http refuses the whole head)', async () => {
    const before = upstream.seen.length;
    const client = new WireClient('api');
    client.write('GET /front HTTP/1.1\r\nHost: shop\r\nContent-Length: 0\r\nContent-Length: 44\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: shop\r\n\r\n');
    // The route closes a connection node:http could not parse (its clientError handler), with no answer.
    expect(await client.closedWith()).toMatch(/^HTTP\/1\.1 400 |^$/);
    expect(upstream.seen.length - before).toBe(0);
  });

  it('applies a fault added while a connection is open to that connection’s next request', async () => {
    const client = new WireClient('api');
    expect((await client.get('/before')).status).toBe(200);
    const { status, json } = await agent.call('POST', '/tracehound/routes/api/faults', { durationMs: 30_000, type: 'error', status: 418, body: 'teapot', probability: 1 });
    expect(status, JSON.stringify(json)).toBe(201);
    try {
      const faulted = await client.get('/after');
      expect([faulted.status, faulted.body, faulted.headers['x-tracehound-fault']?.startsWith('error')]).toEqual([418, 'teapot', true]);
    } finally {
      expect((await agent.call('DELETE', `/tracehound/faults/${(json as { id: string }).id}`)).status).toBe(204);
      client.socket.destroy();
    }
  });

  it('frames chunked and close-delimited upstream bodies as chunked, and keeps the connection', async () => {
    rawAnswer = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nContent-Length: 999\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n';
    const client = new WireClient('raw');
    const chunked = await client.get('/c');
    expect([chunked.status, chunked.body, chunked.headers['transfer-encoding'], chunked.headers['content-length']]).toEqual([200, 'hello world', 'chunked', undefined]);
    rawAnswer = 'HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\n\r\nuntil the end';
    const delimited = await client.get('/d');
    expect([delimited.status, delimited.body, delimited.headers['transfer-encoding']]).toEqual([201, 'until the end', 'chunked']);
    client.socket.destroy();
  });

  it('refuses an upstream header that would split the response: 502, nothing of it passed on', async () => {
    rawAnswer = 'HTTP/1.1 200 OK\r\nX-Evil: a\nSet-Cookie: injected=1\r\nContent-Length: 2\r\n\r\nok';
    const client = new WireClient('raw');
    const answer = await client.get('/e');
    expect(answer.status).toBe(502);
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(JSON.parse(answer.body).error.code).toBe('bad_gateway');
    // The connection stays usable after a 502.
    rawAnswer = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
    expect((await client.get('/f')).body).toBe('ok');
    client.socket.destroy();
  });

  it('answers a client that half-closes after its request, then ends the connection', async () => {
    const client = new WireClient('api');
    client.socket.end('GET /last HTTP/1.1\r\nHost: shop\r\n\r\n');
    const answer = await client.read();
    expect(echoed(answer).url).toBe('/last');
    expect(await client.closedWith()).toBe('');
  });
});
