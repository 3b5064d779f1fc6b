import 'server-only';
// Turns the byte chunks of a binary COPY of skeleton rows (lib/domain/waterfall/skeleton-binary.ts) into the
// skeleton's row section: drops Postgres's header (the stream writes its own), replaces each row's resource
// hash in place with its index in TraceResources, and stops at the end-of-rows marker. Rows may straddle
// chunks; the incomplete tail waits for the next chunk.
import { COPY_HEADER_LENGTH, COPY_SIGNATURE, SKELETON_FIELD_COUNT, SkeletonFormatError } from '@/lib/domain/waterfall/skeleton-binary';
import type { TraceResources } from './trace-resources';

const EMPTY = Buffer.alloc(0);

export class SkeletonCopyRows {
  private pending: Buffer | null = null;
  private inHeader = true;
  /** True once the end-of-rows marker was seen; later bytes are ignored. */
  ended = false;

  constructor(private readonly resources: TraceResources) {}

  /** The complete rows available after `chunk`, rewritten. */
  push(chunk: Buffer): Buffer {
    if (this.ended) return EMPTY;
    const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    let p = 0;
    if (this.inHeader) {
      if (buf.length < COPY_HEADER_LENGTH) return this.keep(buf, 0);
      if (!COPY_SIGNATURE.every((b, i) => buf[i] === b)) throw new SkeletonFormatError('COPY output has no binary header');
      const extension = buf.readUInt32BE(COPY_SIGNATURE.length + 4);
      if (buf.length < COPY_HEADER_LENGTH + extension) return this.keep(buf, 0);
      p = COPY_HEADER_LENGTH + extension;
      this.inHeader = false;
    }
    const start = p;
    while (p + 2 <= buf.length) {
      const count = buf.readInt16BE(p);
      if (count === -1) {
        this.ended = true;
        return buf.subarray(start, p);
      }
      if (count !== SKELETON_FIELD_COUNT) throw new SkeletonFormatError(`COPY row has ${count} fields, expected ${SKELETON_FIELD_COUNT}`);
      const end = rowEnd(buf, p, count);
      if (end < 0) break;
      if (buf.readInt32BE(p + 2) !== 8) throw new SkeletonFormatError('COPY row does not start with an 8-byte resource hash');
      // Field 0 (the resource hash) is 8 bytes at p+6; field 1 (the span id) follows with its length at p+14.
      const index = this.resources.indexOfWords(buf.readInt32BE(p + 6), buf.readUInt32BE(p + 10), () => Buffer.from(buf.subarray(p + 18, p + 18 + buf.readInt32BE(p + 14))));
      buf.writeInt32BE(0, p + 6);
      buf.writeInt32BE(index, p + 10);
      p = end;
    }
    return this.keep(buf, p, start);
  }

  private keep(buf: Buffer, from: number, start = from): Buffer {
    // A copy, so the rows handed out do not pin the bytes kept back.
    this.pending = from < buf.length ? Buffer.from(buf.subarray(from)) : null;
    return buf.subarray(start, from);
  }
}

/** Offset after the row starting at `p`, or -1 when the row is not complete in `buf`. */
export function rowEnd(buf: Buffer, p: number, count: number): number {
  let q = p + 2;
  for (let f = 0; f < count; f++) {
    if (q + 4 > buf.length) return -1;
    const length = buf.readInt32BE(q);
    q += 4 + (length > 0 ? length : 0);
    if (q > buf.length) return -1;
  }
  return q;
}
