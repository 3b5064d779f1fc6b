import 'server-only';
// Writes skeleton rows (lib/domain/waterfall/skeleton-binary.ts) from text columns, for databases whose
// connections cannot COPY (the embedded PGlite socket): the same bytes a binary COPY would produce.
import { SKELETON_FIELD_COUNT } from '@/lib/domain/waterfall/skeleton-binary';

// array_send's element type for int8.
const INT8_OID = 20;

export interface SkeletonTextRow {
  resource_index: number;
  span_id: string;
  parent_span_id: string | null;
  name: string;
  kind: number;
  start_rel: string;
  end_rel: string;
  status_code: number;
  status_message: string;
  /** Postgres array text, e.g. "{5,10}", or null. */
  event_times: string | null;
}

export class SkeletonRowWriter {
  private buf = Buffer.allocUnsafe(64 * 1024);
  private p = 0;

  write(row: SkeletonTextRow): void {
    const name = Buffer.from(row.name, 'utf8');
    const message = Buffer.from(row.status_message, 'utf8');
    const spanId = Buffer.from(row.span_id, 'hex');
    const parentSpanId = row.parent_span_id === null ? null : Buffer.from(row.parent_span_id, 'hex');
    const events = row.event_times === null ? null : parseIntArray(row.event_times);
    const fixed = 2 + SKELETON_FIELD_COUNT * 4 + 8 + 2 + 8 + 8 + 2;
    this.ensure(fixed + spanId.length + (parentSpanId?.length ?? 0) + name.length + message.length + (events ? 20 + events.length * 12 : 0));
    this.int16(SKELETON_FIELD_COUNT);
    this.int64Field(BigInt(row.resource_index));
    this.bytesField(spanId);
    this.bytesField(parentSpanId);
    this.bytesField(name);
    this.int16Field(row.kind);
    this.int64Field(BigInt(row.start_rel));
    this.int64Field(BigInt(row.end_rel));
    this.int16Field(row.status_code);
    this.bytesField(message);
    if (events === null) this.int32(-1);
    else {
      const dims = events.length === 0 ? 0 : 1;
      this.int32(12 + dims * 8 + events.length * 12);
      this.int32(dims);
      this.int32(0);
      this.int32(INT8_OID);
      if (dims) {
        this.int32(events.length);
        this.int32(1);
      }
      for (const t of events) {
        this.int32(8);
        this.int64(t);
      }
    }
  }

  /** The rows written since the last take. */
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.p));
    this.p = 0;
    return out;
  }

  private ensure(n: number): void {
    if (this.p + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.p + n));
    this.buf.copy(next, 0, 0, this.p);
    this.buf = next;
  }

  private int16(v: number): void {
    this.p = this.buf.writeInt16BE(v, this.p);
  }

  private int32(v: number): void {
    this.p = this.buf.writeInt32BE(v, this.p);
  }

  private int64(v: bigint): void {
    this.p = this.buf.writeBigInt64BE(v, this.p);
  }

  private int16Field(v: number): void {
    this.int32(2);
    this.int16(v);
  }

  private int64Field(v: bigint): void {
    this.int32(8);
    this.int64(v);
  }

  private bytesField(bytes: Buffer | null): void {
    if (bytes === null) return this.int32(-1);
    this.int32(bytes.length);
    this.p += bytes.copy(this.buf, this.p);
  }
}

function parseIntArray(text: string): bigint[] {
  const inner = text.slice(1, -1);
  return inner === '' ? [] : inner.split(',').map((v) => BigInt(v));
}
