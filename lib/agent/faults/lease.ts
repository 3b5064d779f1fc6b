// The dead-man switch: the controller (the dashboard) holds a lease and renews it; when a renewal does not
// arrive in time the agent reverts every fault by itself. A timer in this process, so it fires even when the
// dashboard, the network to it, or every dashboard instance is gone.
export interface LeaseView {
  holder: string;
  ttlMs: number;
  expiresAt: string;
}

export class Lease {
  private timer: NodeJS.Timeout | undefined;
  private state: { holder: string; ttlMs: number; expiresAt: number } | undefined;

  constructor(private readonly onExpire: () => void) {}

  renew(holder: string, ttlMs: number): LeaseView {
    clearTimeout(this.timer);
    this.state = { holder, ttlMs, expiresAt: Date.now() + ttlMs };
    this.timer = setTimeout(() => {
      this.state = undefined;
      this.onExpire();
    }, ttlMs);
    return this.view()!;
  }

  release(): void {
    clearTimeout(this.timer);
    this.state = undefined;
  }

  active(): boolean {
    return this.state !== undefined;
  }

  view(): LeaseView | null {
    return this.state ? { holder: this.state.holder, ttlMs: this.state.ttlMs, expiresAt: new Date(this.state.expiresAt).toISOString() } : null;
  }
}
