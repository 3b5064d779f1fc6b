// One direction of a proxied TCP connection with the direction's toxics applied chunk by chunk. Chunks are
// stamped on arrival and released at arrival + latency, so latency does not also cut throughput (as in
// Toxiproxy). Reads pause while more than HIGH_WATER bytes wait; writes honour the destination's
// backpressure. Waits end early when the toxics change, so removing a toxic releases held data at once.
import type { Socket } from 'node:net';
import type { Toxic } from './toxic';
import { wait } from '../http/wait';

const HIGH_WATER = 1 << 20;

export interface PumpHost {
  /** Toxics of this pump's direction that won their toxicity roll for this connection, in creation order. */
  activeToxics(): Toxic[];
  /** Aborted whenever the proxy's toxics change. */
  changed(): AbortSignal;
  /** Ends the whole connection (limit_data). */
  close(): void;
  /** Schedules a reset of the client (reset_peer). */
  resetOnData(toxic: Toxic): void;
}

export class ToxicPump {
  private readonly queue: { chunk: Buffer; at: number }[] = [];
  private queuedBytes = 0;
  private running = false;
  private ended = false;
  private passed = 0;

  constructor(
    private readonly src: Socket,
    private readonly dst: Socket,
    private readonly host: PumpHost,
  ) {
    src.on('data', (chunk: Buffer) => {
      this.queue.push({ chunk, at: performance.now() });
      this.queuedBytes += chunk.length;
      if (this.queuedBytes > HIGH_WATER) src.pause();
      void this.run();
    });
    src.on('end', () => {
      this.ended = true;
      void this.run();
    });
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0 && !this.dst.destroyed) {
        const { chunk, at } = this.queue.shift()!;
        this.queuedBytes -= chunk.length;
        if (this.queuedBytes <= HIGH_WATER && this.src.isPaused()) this.src.resume();
        await this.deliver(chunk, at);
      }
      if (this.ended && this.queue.length === 0 && !this.dst.destroyed) this.dst.end();
    } finally {
      this.running = false;
    }
  }

  private async deliver(chunk: Buffer, arrivedAt: number): Promise<void> {
    const toxics = this.host.activeToxics();
    if (toxics.length === 0) return this.write(chunk);
    // `timeout` swallows data while present (the connection is closed by its timer, if any); `reset_peer`
    // drops it and resets the connection after its timeout.
    const reset = toxics.find((t) => t.type === 'reset_peer');
    if (reset) return this.host.resetOnData(reset);
    if (toxics.some((t) => t.type === 'timeout')) return;
    let latency = 0;
    let rate = 0;
    let slicer: Toxic | undefined;
    let limit = Infinity;
    for (const t of toxics) {
      const a = t.attributes;
      if (t.type === 'latency') latency += (a.latency ?? 0) + (a.jitter ? Math.round((Math.random() * 2 - 1) * a.jitter) : 0);
      else if (t.type === 'bandwidth' && a.rate) rate = rate ? Math.min(rate, a.rate) : a.rate;
      else if (t.type === 'slicer' && a.average_size) slicer ??= t;
      else if (t.type === 'limit_data') limit = Math.min(limit, a.bytes ?? 0);
    }
    const changed = this.host.changed();
    const releaseAt = arrivedAt + latency;
    if (latency > 0 && releaseAt > performance.now()) await wait(releaseAt - performance.now(), changed);
    let body = chunk;
    let closeAfter = false;
    if (this.passed + body.length >= limit) {
      body = body.subarray(0, Math.max(0, limit - this.passed));
      closeAfter = true;
    }
    let pieces = slicer ? slices(body, slicer) : [body];
    // Bandwidth as in Toxiproxy: data goes out in pieces of 100 ms worth at the rate, each after its time.
    if (rate) pieces = pieces.flatMap((piece) => split(piece, Math.max(1, Math.floor((rate * 1024) / 10))));
    for (const piece of pieces) {
      if (rate && !changed.aborted) await wait((piece.length / (rate * 1024)) * 1000, changed);
      if (piece.length) await this.write(piece);
      if (slicer?.attributes.delay && !changed.aborted) await wait(slicer.attributes.delay / 1000, changed);
    }
    this.passed += body.length;
    if (closeAfter) this.host.close();
  }

  private write(chunk: Buffer): Promise<void> {
    if (this.dst.destroyed) return Promise.resolve();
    if (this.dst.write(chunk)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.dst.off('drain', done);
        this.dst.off('close', done);
        resolve();
      };
      this.dst.once('drain', done);
      this.dst.once('close', done);
    });
  }
}

function split(chunk: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let offset = 0; offset < chunk.length; offset += size) out.push(chunk.subarray(offset, offset + size));
  return out;
}

function slices(chunk: Buffer, slicer: Toxic): Buffer[] {
  const average = slicer.attributes.average_size ?? chunk.length;
  const variation = Math.min(slicer.attributes.size_variation ?? 0, average - 1);
  const out: Buffer[] = [];
  for (let offset = 0; offset < chunk.length;) {
    const size = Math.max(1, average + Math.round((Math.random() * 2 - 1) * variation));
    out.push(chunk.subarray(offset, offset + size));
    offset += size;
  }
  return out;
}
