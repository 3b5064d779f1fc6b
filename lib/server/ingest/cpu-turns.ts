import 'server-only';
// Long synchronous ingest work — decoding and mapping a body (~10 ms per 1,000 spans on the dev VM) and
// serializing a write batch — runs one piece per event-loop iteration, in arrival order (issue #19).
//
// Why: the server answers every request on one thread. Without turns, bodies that finish arriving in the same
// poll phase are decoded back to back inside it, and a request arriving meanwhile — even one that admission
// refuses at once — waits behind all of them (a 429 took a median 292 ms under 96 senders). A turn starts from
// setImmediate and schedules the next turn only after it ends, so Node polls sockets between two pieces: a
// refusal, a health check or a finished database write waits for at most one piece, never for a backlog.
// The queue is process-wide (globalThis) because Next may evaluate this module once per route bundle.

interface Turns {
  queue: (() => void)[];
  scheduled: boolean;
}

const KEY = Symbol.for('tracehound.cpu-turns');
type GlobalWithTurns = typeof globalThis & { [KEY]?: Turns };

function turns(): Turns {
  const g = globalThis as GlobalWithTurns;
  g[KEY] ??= { queue: [], scheduled: false };
  return g[KEY];
}

function scheduleNext(t: Turns): void {
  if (t.scheduled || t.queue.length === 0) return;
  t.scheduled = true;
  setImmediate(() => {
    t.scheduled = false;
    t.queue.shift()?.();
    // Scheduled from inside the check phase, so it runs in the next iteration, after the next poll for I/O.
    scheduleNext(t);
  });
}

/**
 * Runs `work` in its own event-loop turn, after the work queued before it, and settles with its result.
 * The caller's continuation (`await inOwnTurn(...)` and what follows up to its next await) runs in the same
 * turn, right after `work`.
 */
export function inOwnTurn<T>(work: () => T): Promise<T> {
  const t = turns();
  return new Promise<T>((resolve, reject) => {
    t.queue.push(() => {
      try {
        resolve(work());
      } catch (error) {
        reject(error);
      }
    });
    scheduleNext(t);
  });
}

/** Waits for a turn of its own: the synchronous work after `await cpuTurn()` then runs in that turn. */
export function cpuTurn(): Promise<void> {
  return inOwnTurn(() => undefined);
}
