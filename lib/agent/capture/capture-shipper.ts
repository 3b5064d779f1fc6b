// Ships captured exchanges to the dashboard (POST /api/agent-captures) through a BatchShipper: the request
// path only queues the exchange as observed (references to its headers and body recordings); the scrubbed
// CaptureRecord is built when its batch is sent, so an exchange dropped because the queue is full (the
// dashboard slow or down) costs nothing, and scrubbing/serialising (capture-json.ts) runs once per batch, off the
// request path.
// Secrets still never leave the agent's memory in clear: a record exists only in scrubbed form.
import { BatchShipper, type ShippingStats } from '../shipping/batch-shipper';
import type { ObservedExchange } from './exchange-capture';
import { captureBatchEncoder } from './capture-json';
import type { ScrubRules } from './scrub';

export interface CaptureShipperOptions {
  url: string;
  token: string | undefined;
  tenant: string;
  queueMax: number;
  batchMax: number;
  scrub: ScrubRules;
  /** How long records wait for a batch to fill before being sent anyway. */
  flushIntervalMs?: number;
  /** Deadline of one POST; a slower dashboard loses that batch. */
  requestTimeoutMs?: number;
}

export type CaptureStats = ShippingStats;

export class CaptureShipper {
  private readonly batches: BatchShipper<ObservedExchange>;

  constructor(options: CaptureShipperOptions) {
    this.batches = new BatchShipper<ObservedExchange>({
      url: options.url,
      headers: { 'x-scope-orgid': options.tenant, ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
      queueMax: options.queueMax,
      batchMax: options.batchMax,
      flushIntervalMs: options.flushIntervalMs,
      requestTimeoutMs: options.requestTimeoutMs,
      encode: captureBatchEncoder(options.scrub),
    });
  }

  /** Queues an exchange whose recordings are complete; O(1), never blocks (a full queue drops and counts it). */
  enqueue(exchange: ObservedExchange): void {
    this.batches.enqueue(exchange);
  }

  view(): CaptureStats {
    return this.batches.view();
  }

  /** Sends what is queued (used at shutdown; bounded by the request timeout per batch). */
  flush(): Promise<void> {
    return this.batches.flush();
  }
}
