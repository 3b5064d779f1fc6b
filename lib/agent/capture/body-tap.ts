// A pass-through stream that keeps the first `cap` bytes it sees and counts the rest: captures see the body
// as it streams, without buffering the exchange or delaying it.
import { Transform, type TransformCallback } from 'node:stream';

export class BodyTap extends Transform {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  size = 0;

  constructor(private readonly cap: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.record(chunk);
    callback(null, chunk);
  }

  /** Observes a chunk without passing it on (for bodies the agent reads itself). */
  record(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.kept < this.cap) {
      const part = chunk.length <= this.cap - this.kept ? chunk : chunk.subarray(0, this.cap - this.kept);
      this.chunks.push(Buffer.from(part));
      this.kept += part.length;
    }
  }

  get truncated(): boolean {
    return this.size > this.kept;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.kept);
  }
}
