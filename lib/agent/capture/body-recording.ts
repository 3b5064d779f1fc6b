// The first `cap` bytes of a body and its full size, recorded chunk by chunk as it streams past. A plain
// object rather than a stream: on the proxy's common path the agent records chunks it forwards itself, and a
// Transform per captured body (two per exchange) was a measurable cost at capture rate 1 (issue 13).

export interface RecordedBody {
  readonly size: number;
  readonly truncated: boolean;
  bytes(): Buffer;
}

const NO_BYTES = Buffer.alloc(0);

/** A body that has none (a GET's request): one shared object rather than a recording per exchange. */
export const EMPTY_BODY: RecordedBody = Object.freeze({ size: 0, truncated: false, bytes: () => NO_BYTES });

export class BodyRecording implements RecordedBody {
  // Most bodies the agent sees arrive in one chunk: it is kept on its own, and an array only from the second.
  private first: Buffer | null = null;
  private more: Buffer[] | null = null;
  private kept = 0;
  size = 0;

  /**
   * `owned`: the chunks recorded are fresh memory nobody reuses (the agent's own upstream client hands out views
   * of each socket read, which node allocates per read), so a chunk that is most of its memory is kept by
   * reference instead of copied. Otherwise (streams from elsewhere may reuse the memory behind a chunk once it
   * has been handled) every chunk is copied.
   */
  constructor(
    private readonly cap: number,
    private readonly owned = false,
  ) {}

  record(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.kept >= this.cap) return;
    const part = chunk.length <= this.cap - this.kept ? chunk : chunk.subarray(0, this.cap - this.kept);
    // A reference only when it does not hold on to much more memory than it shows (at most twice its size).
    const keep = this.owned && part.length * 2 >= part.buffer.byteLength ? part : Buffer.from(part);
    if (this.first === null) this.first = keep;
    else (this.more ??= []).push(keep);
    this.kept += part.length;
  }

  get truncated(): boolean {
    return this.size > this.kept;
  }

  bytes(): Buffer {
    if (this.first === null) return NO_BYTES;
    return this.more === null ? this.first : Buffer.concat([this.first, ...this.more], this.kept);
  }
}
