import 'server-only';
// The loop every dashboard instance runs: claim the active runs it may drive (its own, and any whose driver
// stopped heartbeating for STALE_AFTER_MS — a dead instance's runs are finished by a live one) and advance
// each. A run that throws is failed (faults reverted), never left injecting.
import type { Queryable } from '../db/queryable';
import { advanceRun, CHAOS_ENGINE_ACTOR, finishRun } from './advance-run';
import { INSTANCE_ID, withRunLock } from './run-lock';
import { claimRuns, getRun } from './run-store';

/** An instance that has not touched its runs for this long is presumed dead. */
export const STALE_AFTER_MS = 15_000;

export async function engineTick(db: Queryable, driver = INSTANCE_ID): Promise<number> {
  const ids = await claimRuns(db, driver, STALE_AFTER_MS);
  await Promise.all(
    ids.map(async (id) => {
      try {
        await withRunLock(id, () => advanceRun(db, id));
      } catch (error) {
        console.error(`[tracehound] chaos run ${id} failed: ${(error as Error).message}`);
        await finishRun(db, await getRun(db, id), 'failed', `engine error: ${(error as Error).message}`, CHAOS_ENGINE_ACTOR).catch(() => {});
      }
    }),
  );
  return ids.length;
}

let timer: NodeJS.Timeout | undefined;

/** Starts this instance's engine loop (idempotent); a slow tick is never overlapped by the next. */
export function scheduleChaosEngine(db: Queryable, tickMs: number): void {
  if (timer) return;
  let running = false;
  timer = setInterval(() => {
    if (running) return;
    running = true;
    engineTick(db)
      .catch((error: Error) => console.error(`[tracehound] chaos engine tick failed: ${error.message}`))
      .finally(() => (running = false));
  }, tickMs);
  timer.unref();
}

export function stopChaosEngine(): void {
  clearInterval(timer);
  timer = undefined;
}
