// Binary wire format of GET /api/traces/{traceId}/spans?view=skeleton, the trace page's first load, and its
// decoder (run in the trace page's Web Worker).
//
// Why binary: with the JSON skeleton, a 500k-span trace cost ~1 s of json_build_array in Postgres, ~1 s of
// per-row work in Node (in lock-step with the cursor's FETCH round trips) and 0.45 s of JSON.parse in the
// worker. These rows are PostgreSQL's own binary COPY tuples: Postgres writes them with its cheapest output
// functions, the server streams them almost untouched (it only swaps each row's resource hash for an index
// into the trailer's resource list) and the decoder reads fixed-width integers.
//
// Layout (integers big-endian):
//   "PGCOPY\n\xff\r\n\0", int32 flags (0), int32 header-extension length + extension   binary COPY header
//   per span: int16 field count (10), then per field an int32 byte length (-1 = NULL) and the bytes:
//     0 resource index int8      1 span id bytea            2 parent span id bytea | NULL
//     3 name text (UTF-8)        4 kind int2                 5 start int8, ns relative to baseUnixNano
//     6 end int8 (relative)      7 status code int2          8 status message text
//     9 event times int8[] (relative) | NULL, in PostgreSQL's binary array format
//   int16 -1                                                                              end of spans
//   UTF-8 JSON SkeletonTrailer up to the end of the body
import type { SkeletonColumns } from './skeleton-columns';
import type { WireResource } from './waterfall-wire';

export const SKELETON_CONTENT_TYPE = 'application/vnd.tracehound.skeleton';
export const SKELETON_FIELD_COUNT = 10;
export const COPY_SIGNATURE = Uint8Array.of(0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00);
/** Signature, flags 0 and an empty header extension. */
export const COPY_HEADER_LENGTH = COPY_SIGNATURE.length + 8;

export interface SkeletonTrailer {
  traceId: string;
  baseUnixNano: string;
  resources: WireResource[];
}

export class SkeletonFormatError extends Error {
  override name = 'SkeletonFormatError';
}

/** Decodes a whole skeleton body into columns (SkeletonColumns). Throws SkeletonFormatError on bad input. */
export function decodeSkeleton(bytes: Uint8Array): SkeletonColumns {
  const reader = new SkeletonReader(bytes);
  const rowsAt = reader.header();
  // Pass 1 sizes the columns; pass 2 fills them.
  const { count, eventCount } = reader.countRows();
  const trailer = reader.trailer();
  reader.seek(rowsAt);
  const spanIdWords = new Uint32Array(count * 2);
  const parentIdWords = new Uint32Array(count * 2);
  const hasParent = new Uint8Array(count);
  const names = new StringTable(bytes);
  const messages = new StringTable(bytes);
  const nameIndex = new Int32Array(count);
  const kind = new Uint8Array(count);
  const start = new Float64Array(count);
  const end = new Float64Array(count);
  const statusCode = new Uint8Array(count);
  const statusMessage = new Array<string>(count);
  const eventOffset = new Int32Array(count + 1);
  const eventTimes = new Float64Array(eventCount);
  const resourceIndex = new Int32Array(count);
  let e = 0;
  for (let i = 0; i < count; i++) {
    reader.int16(); // field count, checked in pass 1
    resourceIndex[i] = reader.int53Field();
    if (!reader.idField(spanIdWords, i)) throw new SkeletonFormatError(`span ${i} has no span id`);
    hasParent[i] = reader.idField(parentIdWords, i) ? 1 : 0;
    nameIndex[i] = reader.textField(names);
    kind[i] = reader.int16Field();
    start[i] = reader.int53Field();
    end[i] = reader.int53Field();
    statusCode[i] = reader.int16Field();
    const message = reader.textField(messages);
    statusMessage[i] = message < 0 ? '' : messages.values[message]!;
    eventOffset[i] = e;
    e = reader.int53ArrayField(eventTimes, e);
  }
  eventOffset[count] = e;
  const nameStrings = names.values;
  if (!Array.isArray(trailer.resources) || trailer.resources.some((r) => typeof r?.serviceName !== 'string')) throw new SkeletonFormatError('trailer resources need a serviceName');
  for (let i = 0; i < count; i++) {
    if (nameIndex[i]! < 0) nameIndex[i] = names.indexOf('');
    if (resourceIndex[i]! < 0 || resourceIndex[i]! >= trailer.resources.length)
      throw new SkeletonFormatError(`span ${i} names resource ${resourceIndex[i]}, the trailer lists ${trailer.resources.length}`);
  }
  return {
    traceId: trailer.traceId,
    baseUnixNano: trailer.baseUnixNano,
    resources: trailer.resources,
    count,
    spanIdHex: hexOfWords(spanIdWords),
    spanIdWords,
    parentIdWords,
    hasParent,
    names: nameStrings,
    nameIndex,
    kind,
    start,
    end,
    statusCode,
    statusMessage,
    eventOffset,
    eventTimes,
    resourceIndex,
  };
}

const HEX_DIGITS = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** All ids as one hex string (16 chars each), decoded in one call instead of 500k string concatenations. */
function hexOfWords(words: Uint32Array): string {
  const ascii = new Uint8Array(words.length * 8);
  for (let w = 0; w < words.length; w++) {
    const v = words[w]!;
    for (let k = 0; k < 8; k++) ascii[w * 8 + k] = HEX_DIGITS[(v >>> (28 - k * 4)) & 15]!;
  }
  return new TextDecoder().decode(ascii);
}

/** Interns UTF-8 byte runs: span names repeat heavily (one per operation), so equal runs decode once. */
class StringTable {
  readonly values: string[] = [];
  private readonly buckets = new Map<number, number[]>();
  private readonly at: number[] = [];
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(private readonly bytes: Uint8Array) {}

  intern(start: number, length: number): number {
    let h = 0x811c9dc5 ^ length;
    for (let i = start; i < start + length; i++) h = Math.imul(h ^ this.bytes[i]!, 0x01000193);
    let bucket = this.buckets.get(h);
    if (bucket) {
      for (const id of bucket) if (this.sameBytes(id, start, length)) return id;
    } else {
      bucket = [];
      this.buckets.set(h, bucket);
    }
    let value: string;
    try {
      value = this.decoder.decode(this.bytes.subarray(start, start + length));
    } catch {
      throw new SkeletonFormatError(`text at byte ${start} is not UTF-8`);
    }
    const id = this.values.push(value) - 1;
    this.at.push(start, length);
    bucket.push(id);
    return id;
  }

  indexOf(value: string): number {
    const found = this.values.indexOf(value);
    if (found >= 0) return found;
    this.at.push(-1, -1);
    return this.values.push(value) - 1;
  }

  private sameBytes(id: number, start: number, length: number): boolean {
    const from = this.at[id * 2]!;
    if (this.at[id * 2 + 1] !== length) return false;
    for (let i = 0; i < length; i++) if (this.bytes[from + i] !== this.bytes[start + i]) return false;
    return true;
  }
}

class SkeletonReader {
  private readonly view: DataView;
  private p = 0;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Checks the header and returns the offset of the first row. */
  header(): number {
    if (this.bytes.length < COPY_HEADER_LENGTH || COPY_SIGNATURE.some((b, i) => this.bytes[i] !== b)) {
      throw new SkeletonFormatError('not a trace skeleton (bad signature)');
    }
    this.p = COPY_SIGNATURE.length + 4;
    const extension = this.int32();
    this.need(extension);
    this.p += extension;
    return this.p;
  }

  seek(p: number): void {
    this.p = p;
  }

  /** Walks the rows (checking their shape) up to the end marker, leaving the reader at the trailer. */
  countRows(): { count: number; eventCount: number } {
    let count = 0;
    let eventCount = 0;
    for (let fields = this.int16(); fields !== -1; fields = this.int16()) {
      if (fields !== SKELETON_FIELD_COUNT) throw new SkeletonFormatError(`span row ${count} has ${fields} fields, expected ${SKELETON_FIELD_COUNT}`);
      for (let f = 0; f < SKELETON_FIELD_COUNT - 1; f++) {
        const length = this.length();
        if (length > 0) this.p += length;
      }
      const events = this.length();
      if (events >= 0) {
        const end = this.p + events;
        const dimensions = this.int32();
        if (dimensions === 1) {
          this.p += 8;
          const size = this.int32();
          if (size < 0 || 20 + size * 12 !== events) throw new SkeletonFormatError(`span row ${count} has a malformed event times array`);
          eventCount += size;
        } else if (dimensions !== 0) throw new SkeletonFormatError(`span row ${count} has a ${dimensions}-dimensional event times array`);
        this.p = end;
      }
      count++;
    }
    return { count, eventCount };
  }

  trailer(): SkeletonTrailer {
    try {
      return JSON.parse(new TextDecoder().decode(this.bytes.subarray(this.p))) as SkeletonTrailer;
    } catch (error) {
      throw new SkeletonFormatError(`trace skeleton trailer is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  int16(): number {
    this.need(2);
    const v = this.view.getInt16(this.p);
    this.p += 2;
    return v;
  }

  int16Field(): number {
    this.fixedLength(2);
    return this.int16();
  }

  /** An int8 as a number: exact below 2^53 (relative times up to ~104 days, indexes). */
  int53Field(): number {
    this.fixedLength(8);
    return this.int53();
  }

  /** An 8-byte id into words[2i], words[2i+1]; false for NULL. */
  idField(words: Uint32Array, i: number): boolean {
    const length = this.length();
    if (length < 0) return false;
    if (length !== 8) throw new SkeletonFormatError(`span ${i} has a ${length}-byte id, expected 8`);
    words[i * 2] = this.view.getUint32(this.p);
    words[i * 2 + 1] = this.view.getUint32(this.p + 4);
    this.p += 8;
    return true;
  }

  /** Index of the text in `table`, or -1 for NULL. */
  textField(table: StringTable): number {
    const length = this.length();
    if (length < 0) return -1;
    const start = this.p;
    this.p += length;
    return table.intern(start, length);
  }

  /** Appends the elements of an int8[] (sized and checked by countRows) to out from `at`; returns the new end. */
  int53ArrayField(out: Float64Array, at: number): number {
    const length = this.length();
    if (length < 0) return at;
    const end = this.p + length;
    if (this.int32() === 1) {
      this.p += 8; // has-nulls flag, element type
      const size = this.int32();
      this.p += 4; // lower bound
      for (let k = 0; k < size; k++) {
        this.fixedLength(8);
        out[at++] = this.int53();
      }
    }
    this.p = end;
    return at;
  }

  private int53(): number {
    this.need(8);
    const v = this.view.getInt32(this.p) * 4294967296 + this.view.getUint32(this.p + 4);
    this.p += 8;
    return v;
  }

  private int32(): number {
    this.need(4);
    const v = this.view.getInt32(this.p);
    this.p += 4;
    return v;
  }

  private length(): number {
    const length = this.int32();
    if (length > 0) this.need(length);
    return length;
  }

  private fixedLength(expected: number): void {
    const length = this.int32();
    if (length !== expected) throw new SkeletonFormatError(`field at byte ${this.p - 4} has length ${length}, expected ${expected}`);
  }

  private need(n: number): void {
    if (n < 0 || this.p + n > this.bytes.length) throw new SkeletonFormatError('trace skeleton is truncated');
  }
}
