// Makes sure Tracehound answers at `target`: when nothing does, starts it with `node scripts/start.mjs`
// (builds when needed; embedded database when DATABASE_URL is unset) on the target's port and waits for
// /api/health. Returns a stop function for what it started (a no-op when Tracehound was already running).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export async function isTracehoundUp(target: string): Promise<boolean> {
  try {
    const res = await fetch(new URL('/api/health', target), { signal: AbortSignal.timeout(2_000) });
    return res.ok;
  } catch {
    return false;
  }
}

export interface TracehoundHandle {
  startedHere: boolean;
  /** An admin API token of the Tracehound started here (TRACEHOUND_BOOTSTRAP_TOKEN), for demo:check. */
  token?: string;
  stop(): Promise<void>;
}

export async function ensureTracehound(target: string, log: (line: string) => void, signal?: AbortSignal, timeoutMs = 600_000): Promise<TracehoundHandle> {
  if (await isTracehoundUp(target)) return { startedHere: false, stop: async () => {} };
  const url = new URL(target);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(`nothing answers at ${target}, and it is not a local address this script could start Tracehound on`);
  }
  log(`nothing answers at ${target}: starting Tracehound (node scripts/start.mjs; builds on first run)...`);
  // Own process group, so a terminal Ctrl-C reaches only this script, which then stops things in order
  // (services flush their last spans before Tracehound goes away).
  const token = process.env.TRACEHOUND_BOOTSTRAP_TOKEN ?? `th_demo_${randomBytes(24).toString('base64url')}`;
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs')], {
    cwd: ROOT,
    env: { ...process.env, PORT: url.port || '80', TRACEHOUND_BOOTSTRAP_TOKEN: token },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // start.mjs forwards the signal to `next start`; on a crash of this script nothing else would stop it.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  const deadline = Date.now() + timeoutMs;
  while (!(await isTracehoundUp(target))) {
    if (signal?.aborted) break; // Ctrl-C while building or starting: the caller stops it right away
    if (child.exitCode !== null) throw new Error(`Tracehound exited with code ${child.exitCode} while starting`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Tracehound did not become healthy at ${target} within ${timeoutMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    startedHere: true,
    token,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
}
