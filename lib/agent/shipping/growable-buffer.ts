// The byte buffer the agent's batch encoders write into (capture batches as JSON, spans as OTLP protobuf): grown
// when a write needs more room, and reused batch after batch so encoding a batch allocates only its copy out.

export class GrowableBuffer {
  buf: Buffer;
  pos = 0;

  constructor(initialBytes: number) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  /** Room for `bytes` more bytes at `pos`: a buffer at least twice as large, the written part copied, when needed. */
  ensure(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }

  /** A copy of the bytes written since `pos` was last set to 0: the next batch reuses the buffer while this one may still be in flight. */
  copyOut(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.pos));
  }
}
