// Runs the built app (`next start`, needs a prior `next build`) on a free port as a child process, so
// integration tests exercise real HTTP against the real server. Waits until /api/health answers 200.
import { spawn, type ChildProcess } from 'node:child_process';
import { freeLoopbackPort } from '@/lib/server/net/free-port';
import path from 'node:path';

export interface AppServer {
  url: string;
  port: number;
  /** The admin API token the server was started with (TRACEHOUND_BOOTSTRAP_TOKEN). */
  adminToken: string;
  /** fetch with the admin token, unless the request names its own Authorization. */
  fetch(url: string, init?: RequestInit): Promise<Response>;
  output(): string;
  stop(): Promise<void>;
}

export { freeLoopbackPort as freePort } from '@/lib/server/net/free-port';

const ROOT = path.resolve(__dirname, '..', '..');

/** The admin token of test servers: tests read through the API as an admin unless they test access itself. */
export const TEST_ADMIN_TOKEN = 'th_test-admin-token-0123456789abcdefghijklmnop';

export async function startAppServer(env: Record<string, string | undefined>, timeoutMs = 60_000, port?: number): Promise<AppServer> {
  port ??= await freeLoopbackPort();
  // OTLP_GRPC_PORT: tests that speak OTLP/gRPC pass a free port; the others run without the receiver, so
  // parallel test servers never contend for 4317.
  env = { TRACEHOUND_BOOTSTRAP_TOKEN: TEST_ADMIN_TOKEN, TRACEHOUND_URL: `http://127.0.0.1:${port}`, OTLP_GRPC_PORT: '0', ...env };
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`app did not become healthy in ${timeoutMs} ms:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const adminToken = env.TRACEHOUND_BOOTSTRAP_TOKEN ?? TEST_ADMIN_TOKEN;
  return {
    url,
    port,
    adminToken,
    fetch(target, init = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${adminToken}`);
      return fetch(target, { ...init, headers });
    },
    output: () => log,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
