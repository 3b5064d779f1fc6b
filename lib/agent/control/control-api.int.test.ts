// Tracehound's control endpoints over real HTTP: token rules, bad input answered with a clear 4xx, the
// lease as a dead-man switch, and the CLI reverting faults on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_TOKEN, startTcpEcho, startTestAgent, startUpstream, type TestAgent, type Upstream } from '@/test/support/agent-harness';
import { connect } from 'node:net';
import { parseHostPort } from '../config/host-port';
import { freeLoopbackPort } from '@/lib/server/net/free-port';

let upstream: Upstream;
let agent: TestAgent;

beforeAll(async () => {
  upstream = await startUpstream();
  agent = await startTestAgent({
    caps: { maxFaultMs: 60_000, defaultToxicMs: 10_000, maxLeaseMs: 30_000 },
    routes: [{ name: 'payment', protocol: 'http', upstream: upstream.url }],
  });
});

afterAll(async () => {
  await agent?.stop();
  await upstream?.close();
});

const message = (json: unknown) => (json as { error: { message: string } }).error.message;

describe("TCP faults through Tracehound's endpoint", () => {
  it('adds a toxic and "down" with deadlines on a TCP route; halt brings the route back', async () => {
    const echo = await startTcpEcho();
    const tcp = await startTestAgent({ routes: [{ name: 'redis', protocol: 'tcp', upstream: echo.hostPort }] });
    try {
      expect((await tcp.call('PUT', '/tracehound/lease', { ttlMs: 30_000 })).status).toBe(200);
      const toxic = await tcp.call('POST', '/tracehound/routes/redis/faults', { type: 'latency', attributes: { latency: 5 }, durationMs: 20_000, runId: 'r1' });
      expect(toxic.status).toBe(201);
      expect(toxic.json).toMatchObject({ name: 'latency_downstream', type: 'latency', attributes: { latency: 5, jitter: 0 } });
      const noDeadline = await tcp.call('POST', '/tracehound/routes/redis/faults', { type: 'timeout', attributes: { timeout: 0 } });
      expect([noDeadline.status, message(noDeadline.json)]).toEqual([400, 'durationMs is required (the fault deadline, in ms)']);

      const down = await tcp.call('POST', '/tracehound/routes/redis/faults', { type: 'down', durationMs: 20_000 });
      expect(down.status).toBe(201);
      const { host, port } = parseHostPort(tcp.routeUrl('redis'))!;
      const attempt = () =>
        new Promise<string>((resolve) => {
          const socket = connect(port, host, () => (socket.destroy(), resolve('connected')));
          socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
        });
      expect(await attempt()).toBe('ECONNREFUSED');
      const faults = ((await tcp.call('GET', '/tracehound/faults')).json as { faults: { kind: string }[] }).faults;
      expect(faults.map((f) => f.kind).sort()).toEqual(['down', 'toxic']);

      expect(((await tcp.call('POST', '/halt')).json as { reverted: number }).reverted).toBe(2);
      let result = 'ECONNREFUSED';
      for (let i = 0; i < 100 && result !== 'connected'; i++) {
        result = await attempt();
        if (result !== 'connected') await new Promise((r) => setTimeout(r, 10));
      }
      expect(result).toBe('connected');
      expect((await tcp.call('GET', '/proxies/redis/toxics', undefined, null)).json).toEqual([]);
    } finally {
      await tcp.stop();
      await echo.close();
    }
  });
});

describe('control API', () => {
  it('requires the token on Tracehound endpoints, and not on Toxiproxy ones on loopback', async () => {
    expect((await agent.call('GET', '/tracehound/status', undefined, null)).status).toBe(401);
    const wrong = await agent.call('POST', '/halt', undefined, 'not-the-token');
    expect([wrong.status, message(wrong.json)]).toEqual([401, 'wrong control token']);
    expect((await agent.call('GET', '/tracehound/status')).status).toBe(200);
    expect((await agent.call('GET', '/proxies', undefined, null)).status).toBe(200);
  });

  it('requires the token on Toxiproxy endpoints off loopback', async () => {
    const port = await freeLoopbackPort();
    // 0.0.0.0 is not loopback; the test still talks to it over 127.0.0.1.
    const open = await startTestAgent({ control: { listen: `0.0.0.0:${port}`, token: CONTROL_TOKEN } });
    try {
      const res = await fetch(`http://127.0.0.1:${port}/proxies`);
      expect(res.status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${port}/proxies`, { headers: { authorization: `Bearer ${CONTROL_TOKEN}` } })).status).toBe(200);
    } finally {
      await open.stop();
    }
  });

  it('refuses faults without a lease', async () => {
    const res = await agent.call('POST', '/tracehound/routes/payment/faults', { type: 'abort', durationMs: 1000 });
    expect([res.status, message(res.json)]).toEqual([409, 'no active lease: PUT /tracehound/lease first (faults revert by themselves when it is not renewed)']);
  });

  it('answers bad fault input with a 4xx naming the problem', async () => {
    expect((await agent.call('PUT', '/tracehound/lease', { ttlMs: 20_000 })).status).toBe(200);
    const bad = async (route: string, body: unknown) => {
      const res = await agent.call('POST', `/tracehound/routes/${route}/faults`, body);
      return [res.status, message(res.json)];
    };
    expect(await bad('nope', { type: 'abort', durationMs: 1000 })).toEqual([404, 'no route named "nope" is configured']);
    expect(await bad('payment', { type: 'latency', delayMs: -5, durationMs: 1000 })).toEqual([400, 'delayMs: must be zero or more ms']);
    expect(await bad('payment', { type: 'latency', delayMs: 5 })).toEqual([400, 'durationMs is required (the fault deadline, in ms)']);
    expect(await bad('payment', { type: 'latency', delayMs: 5, durationMs: 120_000 })).toEqual([400, 'durationMs 120000 exceeds the cap caps.maxFaultMs=60000']);
    expect(await bad('payment', { type: 'error', status: 200, durationMs: 1000 })).toEqual([400, 'status: must be 400-599']);
    expect(await bad('payment', { type: 'abort', probability: 1.5, durationMs: 1000 })).toEqual([400, 'probability: must be between 0 and 1']);
    expect(await bad('payment', { type: 'teleport', durationMs: 1000 })).toEqual([
      400,
      "type: Invalid discriminator value. Expected 'latency' | 'error' | 'abort' | 'hang' | 'bandwidth' | 'slow_body'",
    ]);
    const lease = await agent.call('PUT', '/tracehound/lease', { ttlMs: 999_999 });
    expect([lease.status, message(lease.json)]).toEqual([400, 'ttlMs 999999 exceeds the cap caps.maxLeaseMs=30000']);
    expect((await agent.call('DELETE', '/tracehound/faults/f-000000000000')).status).toBe(404);
    expect((await agent.call('GET', '/tracehound/nothing')).status).toBe(404);
  });

  it('reverts every fault by itself within lease + 1 s when the lease is not renewed', async () => {
    expect((await agent.call('PUT', '/tracehound/lease', { holder: 'dashboard-1', ttlMs: 1_000 })).status).toBe(200);
    expect((await agent.call('POST', '/tracehound/routes/payment/faults', { type: 'error', status: 500, durationMs: 60_000 })).status).toBe(201);
    expect((await fetch(`${agent.routeUrl('payment')}/x`)).status).toBe(500);
    const t0 = Date.now();
    let status = 500;
    while (status === 500 && Date.now() - t0 < 2_000) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await fetch(`${agent.routeUrl('payment')}/x`)).status;
    }
    expect(status).toBe(200);
    const state = (await agent.call('GET', '/tracehound/status')).json as { lease: unknown; faults: unknown[] };
    expect([state.lease, state.faults]).toEqual([null, []]);
  });
});

const ROOT = path.resolve(__dirname, '../../..');

function runCli(args: string[]) {
  const child = spawn(process.execPath, ['bin/tracehound.mjs', ...args], { cwd: ROOT, env: { ...process.env, TRACEHOUND_AGENT_TOKEN: CONTROL_TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => out,
    async ready() {
      for (let i = 0; i < 600 && !out.includes('listening') && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 50));
      expect(out).toContain('tracehound agent listening');
    },
  };
}

describe('tracehound agent CLI', () => {
  it('starts with no routes and serves its control API', async () => {
    const port = await freeLoopbackPort();
    const cli = runCli(['agent', '--control-listen', `127.0.0.1:${port}`]);
    try {
      await cli.ready();
      expect(cli.output()).toContain(`tracehound agent listening: control http://127.0.0.1:${port}\n`);
      expect(await (await fetch(`http://127.0.0.1:${port}/proxies`)).json()).toEqual({});
      cli.child.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
    } finally {
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    }
  });

  it('on SIGTERM reverts every fault first, then exits 0', async () => {
    const [control, listen] = [await freeLoopbackPort(), await freeLoopbackPort()];
    const dir = mkdtempSync(path.join(tmpdir(), 'th-agent-cli-'));
    const file = path.join(dir, 'agent.yaml');
    writeFileSync(file, `routes:\n  - name: payment\n    protocol: http\n    listen: 127.0.0.1:${listen}\n    upstream: ${upstream.url}\n`);
    const cli = runCli(['agent', '--control-listen', `127.0.0.1:${control}`, '--config', file]);
    try {
      await cli.ready();
      const auth = { authorization: `Bearer ${CONTROL_TOKEN}`, 'content-type': 'application/json' };
      await fetch(`http://127.0.0.1:${control}/tracehound/lease`, { method: 'PUT', headers: auth, body: JSON.stringify({ ttlMs: 30_000 }) });
      const fault = await fetch(`http://127.0.0.1:${control}/tracehound/routes/payment/faults`, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'hang', durationMs: 60_000 }) });
      const { id } = (await fault.json()) as { id: string };
      // A request hung by the fault: SIGTERM must let it go (revert first), not wait for the client.
      const hung = fetch(`http://127.0.0.1:${listen}/x`).then(
        (r) => r.status,
        () => 'failed',
      );
      await new Promise((r) => setTimeout(r, 100));
      cli.child.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
      expect(cli.output()).toContain('SIGTERM, reverting 1 fault(s) and stopping');
      expect(cli.output()).toContain(`[agent] reverted http hang ${id} on payment (shutdown)`);
      expect(['failed', 200]).toContain(await hung);
    } finally {
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    }
  });

  it('exits 2 with one line for a bad setting', async () => {
    const child = spawn(process.execPath, ['bin/tracehound.mjs', 'agent', '--control-listen', 'nonsense'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect([code, err]).toEqual([2, 'tracehound agent: invalid agent config: control.listen: must be HOST:PORT (port 0-65535)\n']);
  });
});
