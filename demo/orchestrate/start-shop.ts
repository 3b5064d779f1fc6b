// Starts the demo shop: gateway, inventory, pricing and two payment replicas, each its own Node process
// (TypeScript via tsx) on a free loopback port with its own fake host name. The second payment replica runs
// with a simulated clock offset and serves the `skew` scenario. `stop()` sends SIGTERM (services flush their
// spans and logs), then SIGKILL to anything still running after a grace period.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freeLoopbackPort as freePort } from '@/lib/server/net/free-port';
import { planDemoAgent, startDemoAgent, type RunningDemoAgent } from './start-demo-agent';

export const SHOP_HOSTS = {
  gateway: 'edge-01',
  inventory: 'stock-01',
  pricing: 'price-01',
  payment: 'pay-01',
  paymentSkewed: 'pay-02',
} as const;

export interface ShopOptions {
  /** Tracehound base URL the services export to. */
  target: string;
  /** Simulated clock offset of the skewed payment host (pay-02), ms; negative = behind. */
  skewMs: number;
  /** Print the services' JSON log lines to this process's stdout. */
  verbose?: boolean;
  /** Extra environment for every service (timeouts, retry counts). */
  env?: Record<string, string>;
  /** Put a Tracehound agent between the services (npm run demo does; tests of the analysis do not). */
  agent?: boolean;
  /** Dashboard API token for the agent (registration, captures, spans) when the dashboard requires one. */
  token?: string;
}

export interface RunningShop {
  gatewayUrl: string;
  /** The agent's control API, when the shop runs with one. */
  agentControlUrl: string | null;
  /** Each process's captured stdout/stderr, by key of SHOP_HOSTS. */
  output(key: keyof typeof SHOP_HOSTS): string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..');

interface Spec {
  key: keyof typeof SHOP_HOSTS;
  script: string;
  env: Record<string, string>;
}

export async function startShop(options: ShopOptions): Promise<RunningShop> {
  const ports = { gateway: 0, inventory: 0, pricing: 0, payment: 0, paymentSkewed: 0 };
  for (const key of Object.keys(ports) as (keyof typeof ports)[]) ports[key] = await freePort();
  const url = (key: keyof typeof ports) => `http://127.0.0.1:${ports[key]}`;
  const plan = options.agent ? await planDemoAgent() : null;
  // With an agent, callers are pointed at its routes instead of at each other.
  const via = (key: 'payment' | 'inventory' | 'pricing') => (plan ? `http://127.0.0.1:${plan.ports[key]}` : url(key));
  const specs: Spec[] = [
    { key: 'pricing', script: 'pricing.ts', env: { INVENTORY_URL: url('inventory') } },
    { key: 'inventory', script: 'inventory.ts', env: { PRICING_URL: via('pricing') } },
    { key: 'payment', script: 'payment.ts', env: {} },
    { key: 'paymentSkewed', script: 'payment.ts', env: { SKEW_MS: String(options.skewMs) } },
    {
      key: 'gateway',
      script: 'gateway.ts',
      env: {
        INVENTORY_URL: via('inventory'),
        PAYMENT_URL: via('payment'),
        PAYMENT_SKEWED_URL: plan ? `http://127.0.0.1:${plan.ports.paymentSkewedTcp}` : url('paymentSkewed'),
      },
    },
  ];
  const outputs = new Map<string, string>();
  const children: ChildProcess[] = [];
  let agent: RunningDemoAgent | null = null;
  const stop = async () => {
    await Promise.all(children.map(stopChild));
    await agent?.stop();
  };
  try {
    if (plan) agent = await startDemoAgent(plan, { payment: url('payment'), inventory: url('inventory'), pricing: url('pricing'), paymentSkewed: url('paymentSkewed') }, options.target, options.token);
    await Promise.all(
      specs.map(async (spec) => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'demo', 'services', spec.script)], {
          cwd: ROOT,
          env: {
            ...process.env,
            ...options.env,
            ...spec.env,
            PORT: String(ports[spec.key]),
            HOST_NAME: SHOP_HOSTS[spec.key],
            TRACEHOUND_URL: options.target,
            DEMO_LOG_STDOUT: options.verbose ? '1' : '0',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
          // Own process group: a terminal Ctrl-C reaches the orchestrator only, which stops the load first
          // and then the services, so in-flight orders finish and their spans are flushed.
          detached: true,
        });
        children.push(child);
        killOnExit(child);
        outputs.set(spec.key, '');
        const append = (chunk: Buffer) => {
          const text = chunk.toString();
          outputs.set(spec.key, (outputs.get(spec.key) ?? '').slice(-50_000) + text);
          if (options.verbose) process.stdout.write(text);
        };
        child.stdout?.on('data', append);
        child.stderr?.on('data', append);
        await waitForReady(child, spec.key, () => outputs.get(spec.key) ?? '');
      }),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { gatewayUrl: url('gateway'), agentControlUrl: agent?.controlUrl ?? null, output: (key) => outputs.get(key) ?? '', stop };
}

function waitForReady(child: ChildProcess, name: string, output: () => string, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in ${timeoutMs} ms:\n${output()}`)), timeoutMs);
    const onData = () => {
      if (/^READY \d+$/m.test(output())) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready:\n${output()}`));
    });
  });
}

/** Last resort when the orchestrator exits without stopping the shop (crash, second Ctrl-C). */
function killOnExit(child: ChildProcess): void {
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
