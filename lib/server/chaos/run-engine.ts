import 'server-only';
// The loop every dashboard instance runs: advance each active run whose lock it gets (any instance may; a
// dead instance's runs are finished by a live one). A run that throws is failed (faults reverted), never left
// injecting.
import type { Queryable } from '../db/queryable';
import { advanceRun, CHAOS_ENGINE_ACTOR, finishRun } from './advance-run';
import { INSTANCE_ID, withRunLock } from './run-lock';
import { activeRunIds, getRun } from './run-store';

/** One pass; returns how many runs this call advanced (those locked by another advancer are skipped). */
export async function engineTick(db: Queryable, driver = INSTANCE_ID): Promise<number> {
  const ids = await activeRunIds(db);
  const advanced = await Promise.all(
    ids.map(async (id) => {
      try {
        return await withRunLock(db, id, () => advanceRun(db, id), driver);
      } catch (error) {
        console.error(`[tracehound] chaos run ${id} failed: ${(error as Error).message}`);
        await finishRun(db, await getRun(db, id), 'failed', `engine error: ${(error as Error).message}`, CHAOS_ENGINE_ACTOR).catch(() => {});
        return true;
      }
    }),
  );
  return advanced.filter(Boolean).length;
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
