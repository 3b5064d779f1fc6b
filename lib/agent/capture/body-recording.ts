// The first `cap` bytes of a body and its full size, recorded chunk by chunk as it streams past. A plain
// object rather than a stream: on the proxy's common path the agent records chunks it forwards itself, and a
// Transform per captured body (two per exchange) was a measurable cost at capture rate 1 (issue 13).
export interface RecordedBody {
  readonly size: number;
  readonly truncated: boolean;
  bytes(): Buffer;
}

export class BodyRecording implements RecordedBody {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  size = 0;

  constructor(private readonly cap: number) {}

  record(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.kept < this.cap) {
      const part = chunk.length <= this.cap - this.kept ? chunk : chunk.subarray(0, this.cap - this.kept);
      // A copy: undici and node may reuse the memory behind a chunk once it has been handled.
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
