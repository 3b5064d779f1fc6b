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
//
// Accepting connections: libuv (≥ 1.45, Node ≥ 20) accepts at most ONE connection per event-loop iteration.
// With one piece per iteration the server therefore accepted one connection per piece (~20–80 a second
// under load), while refused senders reconnect for every retry (a refusal answers Connection: close): under
// the overload benchmark the kernel's accept queue filled to its 511 limit and a 1-byte export waited 11–25 s
// before the server even accepted it (strace: one accept4 per epoll_pwait; ss: listen Recv-Q 512). So
// after each piece, while the previous iteration accepted a connection, the loop iterates without work (up to
// MAX_ACCEPT_HOPS times) before the next piece: waiting connections are accepted, their requests parsed and
// refused, at a few microseconds per empty iteration when nobody is waiting.
import diagnostics from 'node:diagnostics_channel';

interface Turns {
  queue: (() => void)[];
  scheduled: boolean;
  /** Connections accepted by this process's servers so far (net.server.socket). */
  accepted: number;
}

/**
 * Empty iterations allowed between two pieces for accepting waiting connections. Each one may refuse a request
 * (accept, parse, 429, close: ~0.3 ms idle, ~3 ms of CPU at load 17), so the bound also keeps a flood of
 * refused reconnects from taking the loop from the pieces that store data: with 64, the overload benchmark
 * sometimes spent 10 s of server CPU on 3,000 refusals and stored at a third of the unsaturated rate.
 */
export const MAX_ACCEPT_HOPS = 16;

const KEY = Symbol.for('tracehound.cpu-turns');
type GlobalWithTurns = typeof globalThis & { [KEY]?: Turns };

function turns(): Turns {
  const g = globalThis as GlobalWithTurns;
  if (!g[KEY]) {
    const t: Turns = { queue: [], scheduled: false, accepted: 0 };
    // Published for each connection a net.Server accepts, before it is read (Node's documented channel).
    diagnostics.subscribe('net.server.socket', () => {
      t.accepted++;
    });
    g[KEY] = t;
  }
  return g[KEY];
}

function scheduleNext(t: Turns): void {
  if (t.scheduled || t.queue.length === 0) return;
  t.scheduled = true;
  let seen = t.accepted;
  let hops = 0;
  // Scheduled from inside the check phase, so each call runs in the next iteration, after the next poll for I/O.
  const turn = () => {
    if (t.accepted !== seen && hops < MAX_ACCEPT_HOPS) {
      // The last poll accepted a connection, so more may be waiting: one more iteration without work.
      seen = t.accepted;
      hops++;
      setImmediate(turn);
      return;
    }
    t.scheduled = false;
    t.queue.shift()?.();
    scheduleNext(t);
  };
  setImmediate(turn);
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
