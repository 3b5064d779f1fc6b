// Every active fault of the agent (HTTP faults and TCP toxics alike) with its deadline. Reverting is
// synchronous and local: it flips in-memory state and aborts waits, so it never waits on a client, an
// upstream or the dashboard. Halt, the lease's dead-man switch, SIGTERM and each deadline all come here.
export interface FaultEntry {
  id: string;
  kind: 'http' | 'toxic' | 'down';
  route: string;
  type: string;
  expiresAt: number;
  /** Undoes the fault; must be synchronous and must not throw. */
  revert: () => void;
  /** JSON shown by GET /tracehound/faults. */
  view: () => Record<string, unknown>;
}

export type RevertReason = 'deadline' | 'deleted' | 'halt' | 'lease-expired' | 'shutdown' | 'reset' | 'replaced';

export class FaultRegistry {
  private readonly entries = new Map<string, { entry: FaultEntry; timer: NodeJS.Timeout }>();

  constructor(private readonly onRevert: (entry: FaultEntry, reason: RevertReason) => void = () => {}) {}

  add(entry: FaultEntry): void {
    const delay = Math.max(0, entry.expiresAt - Date.now());
    const timer = setTimeout(() => this.revert(entry.id, 'deadline'), delay);
    this.entries.set(entry.id, { entry, timer });
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  get(id: string): FaultEntry | undefined {
    return this.entries.get(id)?.entry;
  }

  list(): FaultEntry[] {
    return [...this.entries.values()].map((e) => e.entry);
  }

  revert(id: string, reason: RevertReason): boolean {
    const held = this.entries.get(id);
    if (!held) return false;
    clearTimeout(held.timer);
    this.entries.delete(id);
    try {
      held.entry.revert();
    } catch (error) {
      // A revert that throws is a bug; keep reverting the others rather than leave faults in place.
      console.error(`[agent] reverting fault ${id} failed`, error);
    }
    this.onRevert(held.entry, reason);
    return true;
  }

  /** Reverts every fault now; returns how many there were. */
  revertAll(reason: RevertReason): number {
    const ids = [...this.entries.keys()];
    for (const id of ids) this.revert(id, reason);
    return ids.length;
  }

  revertRoute(route: string, reason: RevertReason): void {
    for (const entry of this.list()) if (entry.route === route) this.revert(entry.id, reason);
  }
}
