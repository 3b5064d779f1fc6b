// The demo's Tracehound agent (issue 13): a real `tracehound agent` process between gateway → payment,
// gateway → inventory and inventory → pricing (HTTP routes, capture on), and a TCP route in front of the
// skewed payment replica, registered with the dashboard (as "demo-agent", environment "development") so
// chaos and replay can use it from the UI. The routes' listen ports are allocated before the services start
// because the services must be told to call the agent instead of each other.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freeLoopbackPort as freePort } from '@/lib/server/net/free-port';

export const DEMO_AGENT_NAME = 'demo-agent';

export interface DemoAgentPlan {
  /** Listen ports of the agent's routes, by route name. */
  ports: { payment: number; inventory: number; pricing: number; paymentSkewedTcp: number; control: number };
  token: string;
}

export async function planDemoAgent(): Promise<DemoAgentPlan> {
  const ports = { payment: await freePort(), inventory: await freePort(), pricing: await freePort(), paymentSkewedTcp: await freePort(), control: await freePort() };
  return { ports, token: randomBytes(16).toString('hex') };
}

export interface RunningDemoAgent {
  controlUrl: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * `dashboardToken`: an API token of the dashboard (operator or admin) — used to register the agent and by the
 * agent to ship its captures and spans; not needed when the dashboard runs without authentication.
 */
export async function startDemoAgent(
  plan: DemoAgentPlan,
  upstreams: { payment: string; inventory: string; pricing: string; paymentSkewed: string },
  target: string,
  dashboardToken?: string,
): Promise<RunningDemoAgent> {
  const root = path.resolve(__dirname, '..', '..');
  const dir = path.join(root, '.data');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'demo-agent.json');
  const http = (name: 'payment' | 'inventory' | 'pricing') => ({ name, protocol: 'http', listen: `127.0.0.1:${plan.ports[name]}`, upstream: upstreams[name], capture: { sampleRate: 1 } });
  writeFileSync(
    file,
    JSON.stringify(
      {
        name: DEMO_AGENT_NAME,
        dashboard: { url: target, ...(dashboardToken ? { token: dashboardToken } : {}) },
        routes: [
          http('payment'),
          http('inventory'),
          http('pricing'),
          { name: 'payment-skewed-tcp', protocol: 'tcp', listen: `127.0.0.1:${plan.ports.paymentSkewedTcp}`, upstream: new URL(upstreams.paymentSkewed).host },
        ],
      },
      null,
      2,
    ),
  );
  const control = `127.0.0.1:${plan.ports.control}`;
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'bin/tracehound.mjs'), 'agent', '--control-listen', control, '--config', file], {
    cwd: root,
    env: { ...process.env, TRACEHOUND_AGENT_TOKEN: plan.token },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const killOnExit = () => child.exitCode === null && child.kill('SIGKILL');
  process.once('exit', killOnExit);
  for (let i = 0; i < 600 && !out.includes('listening'); i++) {
    if (child.exitCode !== null) throw new Error(`demo agent exited with ${child.exitCode}:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!out.includes('listening')) throw new Error(`demo agent did not start:\n${out}`);
  const controlUrl = `http://${control}`;
  await registerWithDashboard(target, controlUrl, plan.token, dashboardToken);
  return {
    controlUrl,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        process.off('exit', killOnExit);
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
        child.once('exit', () => (clearTimeout(timer), resolve()));
        child.kill('SIGTERM');
      }),
  };
}

/** Replaces an earlier run's registration (other ports, other token). */
async function registerWithDashboard(target: string, url: string, token: string, dashboardToken: string | undefined): Promise<void> {
  const auth: Record<string, string> = dashboardToken ? { authorization: `Bearer ${dashboardToken}` } : {};
  await fetch(`${target}/api/agents/${DEMO_AGENT_NAME}`, { method: 'DELETE', headers: auth }).catch(() => null);
  const response = await fetch(`${target}/api/agents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ name: DEMO_AGENT_NAME, url, token, environment: 'development' }),
  });
  if (response.status !== 201) throw new Error(`registering the demo agent failed: ${response.status} ${await response.text()}`);
}
