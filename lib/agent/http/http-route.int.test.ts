// The HTTP route as a real reverse proxy on loopback: streaming both ways, keep-alive, upgrades, and each
// HTTP fault observed by a real client.
import { connect } from 'node:net';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAgent, startUpstream, type TestAgent, type Upstream } from '@/test/support/agent-harness';

let upstream: Upstream;
let agent: TestAgent;
let base: string;

beforeAll(async () => {
  upstream = await startUpstream();
  agent = await startTestAgent({ routes: [{ name: 'api', protocol: 'http', upstream: upstream.url }] });
  base = agent.routeUrl('api');
  expect((await agent.call('PUT', '/tracehound/lease', { holder: 'test', ttlMs: 60_000 })).status).toBe(200);
});

afterAll(async () => {
  await agent?.stop();
  await upstream?.close();
});

async function addFault(body: Record<string, unknown>): Promise<string> {
  const { status, json } = await agent.call('POST', '/tracehound/routes/api/faults', { durationMs: 30_000, ...body });
  expect(status, JSON.stringify(json)).toBe(201);
  return (json as { id: string }).id;
}

describe('HTTP route', () => {
  it('forwards method, path, query and headers, and drops hop-by-hop headers', async () => {
    const response = await fetch(`${base}/orders/7?x=1`, { method: 'PUT', headers: { 'x-custom': 'yes', 'content-type': 'text/plain' }, body: 'hello' });
    const echoed = (await response.json()) as { method: string; url: string; headers: Record<string, string>; bodyBytes: number };
    expect([echoed.method, echoed.url, echoed.headers['x-custom'], echoed.bodyBytes]).toEqual(['PUT', '/orders/7?x=1', 'yes', 5]);
    expect(echoed.headers.host).toBe(upstream.hostPort);
    expect(response.headers.get('x-tracehound-fault')).toBeNull();
  });

  it('streams a 64 MiB response and a 16 MiB chunked request body', async () => {
    const big = await fetch(`${base}/bytes/${64 * 1024 * 1024}`);
    let received = 0;
    const reader = big.body!.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) received += read.value.length;
    expect(received).toBe(64 * 1024 * 1024);

    const chunkCount = 256;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < chunkCount; i++) controller.enqueue(new Uint8Array(65_536).fill(i % 256));
        controller.close();
      },
    });
    const echoed = await fetch(`${base}/echo`, { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    const body = new Uint8Array(await echoed.arrayBuffer());
    expect(body.length).toBe(chunkCount * 65_536);
    expect(body[65_536 * 3]).toBe(3);
  });

  it('keeps the client connection alive across requests', async () => {
    const ports = new Set<number>();
    const agentHttp = new (await import('node:http')).Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((resolve, reject) => {
        httpRequest(`${base}/k`, { agent: agentHttp }, (res) => {
          ports.add(res.socket.localPort!);
          res.resume().on('end', resolve);
        })
          .on('error', reject)
          .end();
      });
    }
    agentHttp.destroy();
    expect(ports.size).toBe(1);
  });

  it('passes an Upgrade through as a raw socket', async () => {
    const { port } = new URL(base);
    const socket = connect(Number(port), '127.0.0.1');
    let text = '';
    socket.on('data', (d) => {
      text += d.toString();
      if (text.includes('\r\n\r\n') && !text.includes('ping')) socket.write('ping');
    });
    socket.write('GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n');
    await new Promise<void>((resolve) => {
      let polls = 0;
      const check = () => (text.endsWith('ping') || ++polls > 500 ? resolve() : setTimeout(check, 10));
      check();
    });
    socket.destroy();
    expect(text.startsWith('HTTP/1.1 101')).toBe(true);
  });

  it('drops the hop-by-hop headers a Connection header names, both ways', async () => {
    const hop = createServer((req, res) => {
      res.writeHead(200, { connection: 'x-upstream-private', 'x-upstream-private': 'hidden', 'x-kept': 'shown', 'content-type': 'application/json' });
      res.end(JSON.stringify(req.headers));
    });
    const hopPort = await new Promise<number>((r) => hop.listen(0, '127.0.0.1', () => r((hop.address() as AddressInfo).port)));
    const proxy = await startTestAgent({ routes: [{ name: 'hop', protocol: 'http', upstream: `http://127.0.0.1:${hopPort}` }] });
    try {
      const answer = await new Promise<{ headers: Record<string, unknown>; body: Record<string, string> }>((resolve, reject) => {
        httpRequest(`${proxy.routeUrl('hop')}/h`, { headers: { connection: 'keep-alive, x-caller-private', 'x-caller-private': 'secret', 'x-caller-kept': 'yes' } }, (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString())).on('end', () => resolve({ headers: res.headers, body: JSON.parse(text) as Record<string, string> }));
        })
          .on('error', reject)
          .end();
      });
      expect([answer.body['x-caller-private'], answer.body['x-caller-kept']]).toEqual([undefined, 'yes']);
      expect([answer.headers['x-upstream-private'], answer.headers['x-kept']]).toEqual([undefined, 'shown']);
    } finally {
      await proxy.stop();
      hop.closeAllConnections();
      await new Promise((r) => hop.close(r));
    }
  });

  it('aborts the upstream call when the client goes away mid-response', async () => {
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((r) => (upstreamClosed = r));
    const endless = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      let sent = 0;
      // Bounded: 2,000 chunks at 5 ms is far longer than the test needs.
      const timer = setInterval(() => (++sent > 2000 ? res.end() : res.write(Buffer.alloc(1024, 98))), 5);
      res.on('close', () => {
        clearInterval(timer);
        if (!res.writableFinished) upstreamClosed();
      });
    });
    const endlessPort = await new Promise<number>((r) => endless.listen(0, '127.0.0.1', () => r((endless.address() as AddressInfo).port)));
    const proxy = await startTestAgent({ routes: [{ name: 'endless', protocol: 'http', upstream: `http://127.0.0.1:${endlessPort}` }] });
    try {
      await new Promise<void>((resolve, reject) => {
        const call = httpRequest(`${proxy.routeUrl('endless')}/stream`, (res) => {
          res.once('data', () => {
            call.destroy();
            resolve();
          });
        });
        call.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error))).end();
      });
      await closed;
      // The route still serves afterwards.
      const again = await fetch(`${base}/after-abort`);
      expect(again.status).toBe(200);
    } finally {
      await proxy.stop();
      endless.closeAllConnections();
      await new Promise((r) => endless.close(r));
    }
  });

  it('answers 502 naming the upstream when it is unreachable', async () => {
    const dead = await startTestAgent({ routes: [{ name: 'dead', protocol: 'http', upstream: 'http://127.0.0.1:1' }] });
    try {
      const response = await fetch(`${dead.routeUrl('dead')}/x`);
      expect(response.status).toBe(502);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/upstream http:\/\/127\.0\.0\.1:1 failed: ECONNREFUSED/);
    } finally {
      await dead.stop();
    }
  });
});

describe('HTTP faults', () => {
  it('error: answers the configured status, body and headers only for matching requests', async () => {
    const id = await addFault({ type: 'error', status: 503, body: 'down for test', headers: { 'retry-after': '3' }, match: { methods: ['POST'], path: '/pay/**' } });
    const hit = await fetch(`${base}/pay/card/1`, { method: 'POST', body: 'x' });
    expect([hit.status, await hit.text(), hit.headers.get('retry-after'), hit.headers.get('x-tracehound-fault')]).toEqual([503, 'down for test', '3', `error; id=${id}`]);
    expect((await fetch(`${base}/pay/card/1`)).status).toBe(200);
    expect((await fetch(`${base}/other`, { method: 'POST', body: 'x' })).status).toBe(200);
    expect((await agent.call('DELETE', `/tracehound/faults/${id}`)).status).toBe(204);
    expect((await fetch(`${base}/pay/card/1`, { method: 'POST', body: 'x' })).status).toBe(200);
  });

  it('abort: the client sees a connection reset', async () => {
    const id = await addFault({ type: 'abort', match: { path: '/abort' } });
    const error = await fetch(`${base}/abort`).then(
      () => null,
      (e: Error & { cause?: { code?: string } }) => e.cause?.code,
    );
    expect(error).toBe('ECONNRESET');
    await agent.call('DELETE', `/tracehound/faults/${id}`);
  });

  it('latency: delays the response by at least the delay', async () => {
    const id = await addFault({ type: 'latency', delayMs: 300, match: { path: '/slow' } });
    const t0 = performance.now();
    expect((await fetch(`${base}/slow`)).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    await agent.call('DELETE', `/tracehound/faults/${id}`);
  });

  it('latency in the response phase: the upstream is called at once, the answer is held back', async () => {
    const id = await addFault({ type: 'latency', delayMs: 300, phase: 'response', match: { path: '/late' } });
    const before = upstream.seen.length;
    const t0 = performance.now();
    let answered = false;
    const pending = fetch(`${base}/late`).then((r) => ((answered = true), r));
    for (let i = 0; i < 200 && upstream.seen.length === before; i++) await new Promise((r) => setTimeout(r, 5));
    // The upstream has the request while the client is still waiting for the answer.
    expect([upstream.seen.length, answered]).toEqual([before + 1, false]);
    const response = await pending;
    expect([response.status, response.headers.get('x-tracehound-fault')]).toEqual([200, `latency; id=${id}`]);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    await agent.call('DELETE', `/tracehound/faults/${id}`);
  });

  it('hang: holds the request until the fault is halted, then lets it through', async () => {
    await addFault({ type: 'hang', match: { path: '/hang' } });
    let settled = false;
    const pending = fetch(`${base}/hang`).then((r) => ((settled = true), r.status));
    await new Promise((r) => setTimeout(r, 200));
    expect(settled).toBe(false);
    expect(((await agent.call('POST', '/halt')).json as { reverted: number }).reverted).toBe(1);
    expect(await pending).toBe(200);
  });

  it('bandwidth and slow_body: the body arrives intact, spread over time', async () => {
    const id = await addFault({ type: 'bandwidth', bytesPerSecond: 100_000, match: { path: '/bytes/**' } });
    let t0 = performance.now();
    const throttled = await fetch(`${base}/bytes/50000`);
    expect((await throttled.arrayBuffer()).byteLength).toBe(50_000);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(400);
    await agent.call('DELETE', `/tracehound/faults/${id}`);

    const slow = await addFault({ type: 'slow_body', chunkBytes: 10, intervalMs: 50, match: { path: '/echo' } });
    t0 = performance.now();
    const response = await fetch(`${base}/echo`, { method: 'POST', body: 'x'.repeat(50) });
    expect(await response.text()).toBe('x'.repeat(50));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(190);
    await agent.call('DELETE', `/tracehound/faults/${slow}`);
  });
});
