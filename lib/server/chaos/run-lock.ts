import 'server-only';
// Who advances a run: one instance at a time (the `driver` column, see claimRuns) and, within that instance,
// one call at a time. Without the in-process lock the engine's tick and the start request's first advance
// could both apply the same due fault.
import { randomUUID } from 'node:crypto';

export const INSTANCE_ID = `instance-${randomUUID()}`;

const advancing = new Set<string>();

/** Runs `fn` unless this run is already being advanced in this process; returns whether it ran. */
export async function withRunLock(runId: string, fn: () => Promise<void>): Promise<boolean> {
  if (advancing.has(runId)) return false;
  advancing.add(runId);
  try {
    await fn();
    return true;
  } finally {
    advancing.delete(runId);
  }
}
