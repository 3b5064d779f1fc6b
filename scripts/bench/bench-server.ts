// The built app (`next start`) on a fresh database for the benchmarks; resolves once /api/health answers.
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** `root`: the project directory whose `.next` is served (bench:boot compares builds side by side). */
export async function startBenchServer(databaseUrl: string, port: number, env: Record<string, string> = {}, root: string = ROOT): Promise<{ pid: number; stop: () => void; log: () => string }> {
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'production', RETENTION_DAYS: '30', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not healthy:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { pid: child.pid!, stop: () => child.kill('SIGTERM'), log: () => log };
}
