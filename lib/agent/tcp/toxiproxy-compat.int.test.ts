// The real toxiproxy-node-client (4.1.0) drives the agent's Toxiproxy-compatible API; the toxics' effects
// are observed by real TCP clients against a real echo upstream.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Toxiproxy, type ICreateToxicBody, type Latency, type Bandwidth } from 'toxiproxy-node-client';
import { startTcpEcho, startTestAgent, type TestAgent } from '@/test/support/agent-harness';
import { parseHostPort } from '../config/host-port';

let echo: Awaited<ReturnType<typeof startTcpEcho>>;
let agent: TestAgent;
let toxiproxy: Toxiproxy;

beforeAll(async () => {
  echo = await startTcpEcho();
  agent = await startTestAgent({ allowedUpstreams: [echo.hostPort], caps: { defaultToxicMs: 60_000 } });
  toxiproxy = new Toxiproxy(agent.control);
});

afterAll(async () => {
  await agent?.stop();
  await echo?.close();
});

function open(listen: string): Promise<Socket> {
  const { host, port } = parseHostPort(listen)!;
  return new Promise((resolve, reject) => {
    const socket = connect(port, host, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Sends `payload` and resolves with the echo, the time it took, or the socket error code. */
function roundTrip(socket: Socket, payload: string): Promise<{ text: string; ms: number } | { error: string }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (d) => {
      text += d.toString();
      if (text.length >= payload.length) resolve({ text, ms: performance.now() - t0 });
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    socket.once('close', () => resolve({ error: 'closed' }));
    socket.write(payload);
  });
}

describe('Toxiproxy-compatible API with toxiproxy-node-client', () => {
  it('creates a proxy, lists it, and passes data through', async () => {
    expect(await toxiproxy.getVersion()).toMatch(/^2\./);
    const proxy = await toxiproxy.createProxy({ name: 'echo', listen: '127.0.0.1:0', upstream: echo.hostPort });
    expect(proxy.upstream).toBe(echo.hostPort);
    expect(Object.keys(await toxiproxy.getAll())).toEqual(['echo']);
    const socket = await open(proxy.listen);
    expect(await roundTrip(socket, 'hello')).toMatchObject({ text: 'hello' });
    socket.destroy();
  });

  it('latency on the downstream delays the echo; removing it restores speed', async () => {
    const proxy = await toxiproxy.get('echo');
    const toxic = await proxy.addToxic<Latency>({ name: 'slow', type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 400, jitter: 0 } } as ICreateToxicBody<Latency>);
    expect((await proxy.getToxic('slow')).attributes).toEqual({ latency: 400, jitter: 0 });
    const socket = await open(proxy.listen);
    const slow = await roundTrip(socket, 'ping');
    expect('ms' in slow && slow.ms).toBeGreaterThanOrEqual(390);
    await toxic.remove();
    const socket2 = await open(proxy.listen);
    const fast = await roundTrip(socket2, 'pong');
    expect('text' in fast && fast.text).toBe('pong');
    socket.destroy();
    socket2.destroy();
  });

  it('updates a toxic in place (toxicity and attributes)', async () => {
    const proxy = await toxiproxy.get('echo');
    const toxic = await proxy.addToxic<Bandwidth>({ name: 'bw', type: 'bandwidth', stream: 'upstream', toxicity: 1, attributes: { rate: 1 } } as ICreateToxicBody<Bandwidth>);
    const updated = await toxic.update({ ...toxic.toJson(), attributes: { rate: 50 } });
    expect(updated.attributes).toEqual({ rate: 50 });
    expect((await toxiproxy.get('echo')) && (await proxy.getToxic('bw')).attributes).toEqual({ rate: 50 });
    await updated.remove();
  });

  it('bandwidth on the upstream direction paces the data to the rate', async () => {
    const proxy = await toxiproxy.get('echo');
    await proxy.addToxic<Bandwidth>({ name: 'slowpipe', type: 'bandwidth', stream: 'upstream', toxicity: 1, attributes: { rate: 10 } } as ICreateToxicBody<Bandwidth>);
    const socket = await open(proxy.listen);
    // 5 KiB at 10 KiB/s: about half a second, whole and in order.
    const payload = 'abcdefghij'.repeat(512);
    const result = await roundTrip(socket, payload);
    expect('text' in result && result.text).toBe(payload);
    expect('ms' in result && result.ms).toBeGreaterThanOrEqual(400);
    socket.destroy();
    await (await proxy.getToxic('slowpipe')).remove();
  });

  it('reset_peer: the client gets ECONNRESET', async () => {
    const proxy = await toxiproxy.get('echo');
    await proxy.addToxic({ name: 'rst', type: 'reset_peer', stream: 'downstream', toxicity: 1, attributes: { timeout: 0 } } as ICreateToxicBody<unknown>);
    const socket = await open(proxy.listen);
    expect(await roundTrip(socket, 'x')).toEqual({ error: 'ECONNRESET' });
    await (await proxy.getToxic('rst')).remove();
  });

  it('timeout: data is swallowed and the connection closes after the timeout', async () => {
    const proxy = await toxiproxy.get('echo');
    await proxy.addToxic({ name: 'to', type: 'timeout', stream: 'upstream', toxicity: 1, attributes: { timeout: 100 } } as ICreateToxicBody<unknown>);
    const socket = await open(proxy.listen);
    expect(await roundTrip(socket, 'lost')).toEqual({ error: 'closed' });
    await (await proxy.getToxic('to')).remove();
  });

  it('limit_data: closes the connection after the given bytes', async () => {
    const proxy = await toxiproxy.get('echo');
    await proxy.addToxic({ name: 'lim', type: 'limit_data', stream: 'downstream', toxicity: 1, attributes: { bytes: 4 } } as ICreateToxicBody<unknown>);
    const socket = await open(proxy.listen);
    let got = '';
    socket.on('data', (d) => (got += d.toString()));
    socket.write('abcdefgh');
    await new Promise((r) => socket.once('close', r));
    expect(got).toBe('abcd');
    await (await proxy.getToxic('lim')).remove();
  });

  it('slicer: the data arrives complete in small pieces', async () => {
    const proxy = await toxiproxy.get('echo');
    await proxy.addToxic({ name: 'sl', type: 'slicer', stream: 'downstream', toxicity: 1, attributes: { average_size: 2, size_variation: 0, delay: 1000 } } as ICreateToxicBody<unknown>);
    const socket = await open(proxy.listen);
    const pieces: number[] = [];
    socket.on('data', (d) => pieces.push(d.length));
    socket.write('0123456789');
    await new Promise<void>((resolve) => {
      let polls = 0;
      const check = () => (pieces.reduce((a, b) => a + b, 0) >= 10 || ++polls > 400 ? resolve() : setTimeout(check, 5));
      check();
    });
    expect(pieces.reduce((a, b) => a + b, 0)).toBe(10);
    expect(pieces.length).toBeGreaterThan(1);
    socket.destroy();
    await (await proxy.getToxic('sl')).remove();
  });

  it('toxicity 0 leaves connections untouched', async () => {
    const proxy = await toxiproxy.get('echo');
    await proxy.addToxic({ name: 'never', type: 'reset_peer', stream: 'downstream', toxicity: 0, attributes: { timeout: 0 } } as ICreateToxicBody<unknown>);
    const socket = await open(proxy.listen);
    expect(await roundTrip(socket, 'ok')).toMatchObject({ text: 'ok' });
    socket.destroy();
  });

  it('down (enabled: false): new connections are refused; reset brings the proxy back without toxics', async () => {
    const proxy = await toxiproxy.get('echo');
    const down = await proxy.update({ enabled: false, listen: proxy.listen, upstream: proxy.upstream });
    expect(down.enabled).toBe(false);
    expect(
      await open(proxy.listen).then(
        () => 'connected',
        (e: NodeJS.ErrnoException) => e.code,
      ),
    ).toBe('ECONNREFUSED');
    await toxiproxy.reset();
    const back = await toxiproxy.get('echo');
    expect([back.enabled, (await agent.call('GET', '/proxies/echo/toxics', undefined, null)).json]).toEqual([true, []]);
    const socket = await open(back.listen);
    expect(await roundTrip(socket, 'back')).toMatchObject({ text: 'back' });
    socket.destroy();
  });

  it('gives toxics created through this API the default deadline', async () => {
    const { json } = await agent.call('POST', '/proxies/echo/toxics', { type: 'latency', attributes: { latency: 1 } }, null);
    const expires = Date.parse((json as { expires_at: string }).expires_at) - Date.now();
    expect(expires).toBeGreaterThan(50_000);
    expect(expires).toBeLessThanOrEqual(60_000);
    await agent.call('POST', '/reset', undefined, null);
  });

  it('rejects bad input with a clear 4xx', async () => {
    const err = async (method: string, path: string, body?: unknown) => {
      const { status, json } = await agent.call(method, path, body, null);
      return [status, (json as { error: string }).error];
    };
    expect(await err('POST', '/proxies', { name: 'evil', listen: '127.0.0.1:0', upstream: '10.0.0.1:22' })).toEqual([
      403,
      "upstream 10.0.0.1:22 is not configured: faults may only target the routes' upstreams and allowedUpstreams",
    ]);
    expect(await err('POST', '/proxies', { name: 'echo', listen: '127.0.0.1:0', upstream: echo.hostPort })).toEqual([409, 'proxy echo already exists']);
    expect(await err('POST', '/proxies/echo/toxics', { type: 'latency', attributes: { latency: -5 } })).toEqual([400, 'latency must not be negative']);
    expect(await err('POST', '/proxies/echo/toxics', { type: 'explode' })).toEqual([400, 'type must be one of latency, bandwidth, slicer, limit_data, reset_peer, timeout']);
    expect(await err('POST', '/proxies/echo/toxics', { type: 'latency', toxicity: 2 })).toEqual([400, 'toxicity must be between 0 and 1']);
    expect(await err('GET', '/proxies/nope')).toEqual([404, 'proxy nope not found']);
    expect(await err('DELETE', '/proxies/echo/toxics/nope')).toEqual([404, 'toxic nope not found on proxy echo']);
    expect(await err('POST', '/proxies', '{not json')).toEqual([400, 'body is not valid JSON']);
  });

  it('deletes a proxy', async () => {
    await (await toxiproxy.get('echo')).remove();
    expect(await toxiproxy.getAll()).toEqual({});
  });
});
