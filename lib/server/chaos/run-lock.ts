import 'server-only';
// One advancer per run at a time, across instances and module copies: the lock lives in the run's row
// (tryLockRun) and lapses after LOCK_TTL_MS, so a run whose advancer died mid-step is picked up by the next
// tick of any instance. Without it the engine's tick and the start request's first advance could both apply
// the same due fault.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/queryable';
import { tryLockRun, unlockRun } from './run-store';

export const INSTANCE_ID = `instance-${randomUUID()}`;

/** Longer than one advance can take (agent calls have 2 s deadlines); a lapsed lock is taken over. */
export const LOCK_TTL_MS = 30_000;

/** Runs `fn` holding the run's lock; returns false (without running it) when another advancer holds it. */
export async function withRunLock(db: Queryable, runId: string, fn: () => Promise<void>, driver = INSTANCE_ID): Promise<boolean> {
  if (!(await tryLockRun(db, runId, driver, LOCK_TTL_MS))) return false;
  try {
    await fn();
    return true;
  } finally {
    await unlockRun(db, runId, driver);
  }
}
