// Ships what the agent sends to the dashboard (capture records, spans) in bounded batches, off the request
// path: enqueue is synchronous and O(1) (a push onto an array); turning items into the request body (scrubbing,
// serialising) happens once per batch, when it is sent. The queue is bounded: when the dashboard is slow or
// down, new items are dropped and counted rather than held, and traffic never waits on shipping. At most once:
// a failed batch is dropped and counted, never retried into a growing backlog.
import { request } from 'undici';

export interface BatchShipperOptions<T> {
  url: string;
  headers: Record<string, string>;
  queueMax: number;
  batchMax: number;
  /** The request body for one batch. Runs when the batch is sent, not when its items are enqueued. */
  encode: (batch: T[]) => string | Uint8Array;
  /** Of what `encode` returns; JSON unless said otherwise. */
  contentType?: string;
  /** How long items wait for a batch to fill before being sent anyway. */
  flushIntervalMs?: number;
  /** Deadline of one POST; a slower dashboard loses that batch. */
  requestTimeoutMs?: number;
}

export interface ShippingStats {
  queued: number;
  shipped: number;
  dropped: number;
  lastError: string | null;
}

export class BatchShipper<T> {
  private queue: T[] = [];
  private sending = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly stats: ShippingStats = { queued: 0, shipped: 0, dropped: 0, lastError: null };
  private inflight: Promise<void> = Promise.resolve();
  private readonly headers: Record<string, string>;

  constructor(private readonly options: BatchShipperOptions<T>) {
    this.headers = { 'content-type': options.contentType ?? 'application/json', ...options.headers };
  }

  /** False when the queue is full: the item was dropped (and counted). */
  enqueue(item: T): boolean {
    if (this.queue.length >= this.options.queueMax) {
      this.stats.dropped++;
      return false;
    }
    this.queue.push(item);
    if (this.queue.length >= this.options.batchMax) this.kick();
    else this.timer ??= setTimeout(() => this.kick(), this.options.flushIntervalMs ?? 500);
    return true;
  }

  /** Whether an item enqueued now would be kept (the queue is not full). */
  hasRoom(): boolean {
    return this.queue.length < this.options.queueMax;
  }

  view(): ShippingStats {
    return { ...this.stats, queued: this.queue.length };
  }

  /** Sends what is queued (used at shutdown; bounded by the request timeout per batch). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.inflight;
    // Stops at the first failed batch: a dashboard that is down must not hold a shutdown for one request
    // timeout per queued batch. What is left is dropped and counted.
    while (this.queue.length > 0) {
      const dropped = this.stats.dropped;
      await this.sendOne();
      if (this.stats.dropped > dropped) {
        this.stats.dropped += this.queue.length;
        this.queue = [];
      }
    }
  }

  private kick(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.sending) return;
    this.sending = true;
    this.inflight = this.sendOne().finally(() => {
      this.sending = false;
      if (this.queue.length >= this.options.batchMax) this.kick();
      else if (this.queue.length > 0) this.timer ??= setTimeout(() => this.kick(), this.options.flushIntervalMs ?? 500);
    });
  }

  private async sendOne(): Promise<void> {
    const batch = this.queue.splice(0, this.options.batchMax);
    if (batch.length === 0) return;
    try {
      // undici's request() rather than fetch(): no WHATWG Request/Response objects or web streams per batch,
      // which showed in the agent's CPU profile at capture rate 1.
      const response = await request(this.options.url, {
        method: 'POST',
        headers: this.headers,
        body: this.options.encode(batch),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 5_000),
      });
      await response.body.dump();
      if (response.statusCode < 200 || response.statusCode > 299) throw new Error(`dashboard answered ${response.statusCode}`);
      this.stats.shipped += batch.length;
      this.stats.lastError = null;
    } catch (error) {
      this.stats.dropped += batch.length;
      this.stats.lastError = (error as Error).message;
    }
  }
}
