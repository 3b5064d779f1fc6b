// OTLP/HTTP protobuf (ExportTraceServiceRequest, opentelemetry-proto v1 field numbers) of the agent's own spans,
// for the BatchShipper that sends them. Written by hand into one growing buffer as each span ends (OtlpSpanRun):
// the span's bytes go straight into the request body, with no object tree per span and no JSON text (issue 13: at
// one span per traced request the JSON encoder cost about as much as recording the span, and its ~650 bytes per
// span were three times these).
// Sizes of nested messages are computed before they are written (attributes are the only variable-size part).
// Same content as the SDK's ProtobufTraceSerializer for the spans the agent records (agent-tracer.test.ts decodes
// both and compares): one resource and scope per tracer, no events; zero-valued scalars may be omitted (proto3).
import type { AttributeValue, Attributes, HrTime, Link } from '@opentelemetry/api';
import { millisToHrTime, type InstrumentationScope } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { RecordedSpan } from './recorded-span';
import { GrowableBuffer } from '../shipping/growable-buffer';

const HAS_IS_REMOTE = 0x100;
const IS_REMOTE = 0x200;
const LEN = 2;
const VARINT = 0;
const FIXED64 = 1;
const FIXED32 = 5;

/** UTF-8 length of a string, in JS: Buffer.byteLength is a call into C++, which costs more for short strings. */
function utf8Length(value: string): number {
  let bytes = value.length;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a surrogate pair: 4 bytes for 2 UTF-16 units
      i++;
    } else bytes += 2;
  }
  return bytes;
}

const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX['0123456789abcdef'.charCodeAt(i)] = HEX['0123456789ABCDEF'.charCodeAt(i)] = i;

/** The time origin of performance.now() as the SDK's hrTime() splits it (the same `performance` object). */
const ORIGIN = millisToHrTime(performance.timeOrigin);

function varintSize(value: number): number {
  let size = 1;
  while (value >= 128) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

/** A length-delimited field's size: tag (field numbers here are < 16: one byte), length, payload. */
function lenFieldSize(payload: number): number {
  return 1 + varintSize(payload) + payload;
}

/** Integers a JS number holds exactly and non-negative go out as plain varints; others as 64-bit two's complement. */
function isSmallInt(value: number): boolean {
  return value >= 0 && value <= Number.MAX_SAFE_INTEGER;
}

/** Varint size of an int64 in two's complement: 10 bytes when negative, fewer for large positive values. */
function int64VarintSize(value: number): number {
  let rest = BigInt.asUintN(64, BigInt(value));
  let size = 1;
  while (rest >= 128n) {
    rest >>= 7n;
    size++;
  }
  return size;
}

function anyValueSize(value: AttributeValue | null | undefined): number {
  switch (typeof value) {
    case 'string':
      return lenFieldSize(utf8Length(value));
    case 'boolean':
      return 2;
    case 'number':
      if (!Number.isInteger(value)) return 9;
      return 1 + (isSmallInt(value) ? varintSize(value) : int64VarintSize(value));
    default: {
      if (!Array.isArray(value)) return 0;
      let inner = 0;
      for (const v of value) inner += lenFieldSize(anyValueSize(v));
      return lenFieldSize(inner);
    }
  }
}

function keyValueSize(key: string, value: AttributeValue | undefined): number {
  return lenFieldSize(utf8Length(key)) + lenFieldSize(anyValueSize(value));
}

class ProtoWriter extends GrowableBuffer {
  constructor() {
    super(64 * 1024);
  }

  varint(value: number): void {
    this.ensure(10);
    while (value >= 128) {
      this.buf[this.pos++] = (value % 128) | 128;
      value = Math.floor(value / 128);
    }
    this.buf[this.pos++] = value;
  }

  tag(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }

  /** Starts a length-delimited field whose payload is `size` bytes. */
  len(field: number, size: number): void {
    this.tag(field, LEN);
    this.varint(size);
    this.ensure(size);
  }

  string(field: number, value: string): void {
    const size = utf8Length(value);
    this.len(field, size);
    if (size === value.length && size < 256) {
      // ASCII (nearly every name, key and value here): byte by byte beats a call into C++ for short strings.
      const buf = this.buf;
      let pos = this.pos;
      for (let i = 0; i < size; i++) buf[pos++] = value.charCodeAt(i);
      this.pos = pos;
    } else this.pos += this.buf.write(value, this.pos, size, 'utf8');
  }

  /** Trace and span ids: lowercase hex (validated where they were made) to bytes. */
  hexBytes(field: number, hex: string): void {
    const size = hex.length >> 1;
    this.len(field, size);
    const buf = this.buf;
    for (let i = 0; i < size; i++) buf[this.pos++] = (HEX[hex.charCodeAt(2 * i) & 127]! << 4) | HEX[hex.charCodeAt(2 * i + 1) & 127]!;
  }

  fixed32(field: number, value: number): void {
    this.tag(field, FIXED32);
    this.ensure(4);
    this.pos = this.buf.writeUInt32LE(value >>> 0, this.pos);
  }

  /** Nanoseconds since the epoch (exceeds 2^53: written as a 64-bit integer). */
  time(field: number, time: HrTime): void {
    this.nanos(field, time[0], time[1]);
  }

  /**
   * A performance.now() reading as the SDK's `hrTime(ms)` makes it ([seconds, nanoseconds] of the time origin plus
   * those of the reading, nanoseconds carried), without the three arrays it allocates per call.
   */
  timeMs(field: number, ms: number): void {
    let seconds = ORIGIN[0] + Math.trunc(ms / 1000);
    let nanos = ORIGIN[1] + Math.round((ms % 1000) * 1_000_000);
    if (nanos >= 1_000_000_000) {
      nanos -= 1_000_000_000;
      seconds += 1;
    }
    this.nanos(field, seconds, nanos);
  }

  private nanos(field: number, seconds: number, nanos: number): void {
    this.tag(field, FIXED64);
    this.ensure(8);
    if (Number.isInteger(seconds) && Number.isInteger(nanos) && seconds >= 0 && seconds < 2 ** 32 && nanos >= 0 && nanos < 1e9) {
      // seconds * 1e9 + nanos without BigInt: 1e9 = 1953125 * 2^9, and seconds * 1953125 < 2^53 is exact.
      const p = seconds * 1953125;
      let high = Math.floor(p / 8388608); // p * 2^9 / 2^32
      let low = (p - high * 8388608) * 512 + nanos;
      if (low >= 4294967296) {
        high += Math.floor(low / 4294967296);
        low %= 4294967296;
      }
      this.buf.writeUInt32LE(low, this.pos);
      this.buf.writeUInt32LE(high, this.pos + 4);
      this.pos += 8;
    } else this.pos = this.buf.writeBigUInt64LE(BigInt.asUintN(64, BigInt(Math.trunc(seconds)) * 1_000_000_000n + BigInt(Math.trunc(nanos))), this.pos);
  }

  /** Bytes encoded earlier (a cached KeyValue). */
  bytes(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  anyValue(value: AttributeValue | null | undefined): void {
    switch (typeof value) {
      case 'string':
        return this.string(1, value);
      case 'boolean':
        this.tag(2, VARINT);
        return this.varint(value ? 1 : 0);
      case 'number':
        if (!Number.isInteger(value)) {
          this.tag(4, FIXED64);
          this.ensure(8);
          this.pos = this.buf.writeDoubleLE(value, this.pos);
        } else if (isSmallInt(value)) {
          this.tag(3, VARINT);
          this.varint(value);
        } else {
          // int64 two's complement as a 10-byte varint (negative, or beyond 2^53 where precision is already lost).
          this.tag(3, VARINT);
          let rest = BigInt.asUintN(64, BigInt(value));
          this.ensure(10);
          while (rest >= 128n) {
            this.buf[this.pos++] = Number(rest & 127n) | 128;
            rest >>= 7n;
          }
          this.buf[this.pos++] = Number(rest);
        }
        return;
      default:
        if (!Array.isArray(value)) return;
        let inner = 0;
        for (const v of value) inner += lenFieldSize(anyValueSize(v));
        this.len(5, inner);
        for (const v of value) {
          this.len(1, anyValueSize(v));
          this.anyValue(v);
        }
    }
  }

  /** Attributes as repeated KeyValue in `field`. */
  attributes(field: number, attrs: Attributes): void {
    for (const key in attrs) {
      const value = attrs[key];
      this.len(field, keyValueSize(key, value));
      this.string(1, key);
      this.len(2, anyValueSize(value));
      this.anyValue(value);
    }
  }
}

/**
 * Encoded KeyValue messages of span attributes whose key and value repeat from span to span (the agent's spans
 * carry the same keys, and mostly the same route, method, path and status values): looked up instead of measured
 * and written character by character twice per span. Strings up to 256 characters, booleans and small integers
 * only; at most 64 values per key are kept (paths may not repeat), any other value is encoded as it comes.
 */
class KeyValueCache {
  private readonly byKey = new Map<string, Map<AttributeValue, Uint8Array>>();
  private readonly scratch = new ProtoWriter();

  /** The KeyValue payload (key and value fields) for this pair, or null when it is not cached. */
  get(key: string, value: AttributeValue | undefined): Uint8Array | null {
    const type = typeof value;
    if (!(type === 'boolean' || (type === 'string' && (value as string).length <= 256) || (type === 'number' && Number.isInteger(value) && (value as number) >= 0 && (value as number) < 2 ** 31)))
      return null;
    let values = this.byKey.get(key);
    if (values === undefined) {
      if (this.byKey.size >= 256) return null;
      this.byKey.set(key, (values = new Map()));
    }
    let bytes = values.get(value!);
    if (bytes === undefined) {
      if (values.size >= 64) return null;
      const w = this.scratch;
      w.pos = 0;
      w.string(1, key);
      w.len(2, anyValueSize(value));
      w.anyValue(value);
      bytes = Uint8Array.prototype.slice.call(w.buf, 0, w.pos);
      values.set(value!, bytes);
    }
    return bytes;
  }

  /** Attributes as repeated KeyValue in `field`. */
  write(w: ProtoWriter, field: number, attrs: Attributes): void {
    for (const key in attrs) {
      const value = attrs[key];
      const cached = this.get(key, value);
      if (cached) {
        w.len(field, cached.length);
        w.bytes(cached);
      } else {
        w.len(field, keyValueSize(key, value));
        w.string(1, key);
        w.len(2, anyValueSize(value));
        w.anyValue(value);
      }
    }
  }

  size(attrs: Attributes): number {
    let size = 0;
    for (const key in attrs) {
      const value = attrs[key];
      const cached = this.get(key, value);
      size += lenFieldSize(cached ? cached.length : keyValueSize(key, value));
    }
    return size;
  }
}

function attributesSize(attrs: Attributes): number {
  let size = 0;
  for (const key in attrs) size += lenFieldSize(keyValueSize(key, attrs[key]));
  return size;
}

function linkSize(l: Link): number {
  const c = l.context;
  const state = c.traceState?.serialize();
  return (
    lenFieldSize(16) +
    lenFieldSize(8) +
    (state ? lenFieldSize(utf8Length(state)) : 0) +
    (l.attributes ? attributesSize(l.attributes) : 0) +
    (l.droppedAttributesCount ? 1 + varintSize(l.droppedAttributesCount) : 0) +
    5
  );
}

function statusSize(s: ReadableSpan): number {
  return (s.status.message !== undefined ? lenFieldSize(utf8Length(s.status.message)) : 0) + (s.status.code ? 2 : 0);
}

function spanSize(s: ReadableSpan, keyValues: KeyValueCache): number {
  const c = s.spanContext();
  const state = c.traceState?.serialize();
  const parent = s.parentSpanContext?.spanId;
  let size = lenFieldSize(16) + lenFieldSize(8) + (state ? lenFieldSize(utf8Length(state)) : 0) + (parent ? lenFieldSize(8) : 0);
  size += lenFieldSize(utf8Length(s.name)) + 2 + 9 + 9 + keyValues.size(s.attributes);
  if (s.droppedAttributesCount) size += 1 + varintSize(s.droppedAttributesCount);
  if (s.droppedEventsCount) size += 1 + varintSize(s.droppedEventsCount);
  for (const l of s.links) size += lenFieldSize(linkSize(l));
  if (s.droppedLinksCount) size += 1 + varintSize(s.droppedLinksCount);
  size += lenFieldSize(statusSize(s));
  return size + 6; // flags: tag (field 16 needs two bytes) + fixed32
}

function writeSpan(w: ProtoWriter, s: ReadableSpan, keyValues: KeyValueCache): void {
  const c = s.spanContext();
  const parent = s.parentSpanContext;
  w.hexBytes(1, c.traceId);
  w.hexBytes(2, c.spanId);
  const state = c.traceState?.serialize();
  if (state) w.string(3, state);
  if (parent?.spanId) w.hexBytes(4, parent.spanId);
  w.string(5, s.name);
  w.tag(6, VARINT);
  w.varint(s.kind == null ? 0 : s.kind + 1);
  if (s instanceof RecordedSpan) {
    w.timeMs(7, s.startMs);
    if (s.ended) w.timeMs(8, s.endMs);
    else w.time(8, [0, 0]);
  } else {
    w.time(7, s.startTime);
    w.time(8, s.endTime);
  }
  keyValues.write(w, 9, s.attributes);
  if (s.droppedAttributesCount) {
    w.tag(10, VARINT);
    w.varint(s.droppedAttributesCount);
  }
  if (s.droppedEventsCount) {
    w.tag(12, VARINT);
    w.varint(s.droppedEventsCount);
  }
  for (const l of s.links) {
    w.len(13, linkSize(l));
    w.hexBytes(1, l.context.traceId);
    w.hexBytes(2, l.context.spanId);
    const linkState = l.context.traceState?.serialize();
    if (linkState) w.string(3, linkState);
    if (l.attributes) w.attributes(4, l.attributes);
    if (l.droppedAttributesCount) {
      w.tag(5, VARINT);
      w.varint(l.droppedAttributesCount);
    }
    w.fixed32(6, (l.context.traceFlags & 0xff) | HAS_IS_REMOTE | (l.context.isRemote ? IS_REMOTE : 0));
  }
  if (s.droppedLinksCount) {
    w.tag(14, VARINT);
    w.varint(s.droppedLinksCount);
  }
  w.len(15, statusSize(s));
  if (s.status.message !== undefined) w.string(2, s.status.message);
  if (s.status.code) {
    w.tag(3, VARINT);
    w.varint(s.status.code);
  }
  w.fixed32(16, (c.traceFlags & 0xff) | HAS_IS_REMOTE | (parent?.isRemote ? IS_REMOTE : 0));
}

/**
 * Spans of one resource and scope encoded one at a time, as they end, into the body of their export: each span's
 * bytes are written when it ends and the span object is dropped, rather than kept (with its attributes, context
 * and strings) until a batch of 512 is encoded. Kept spans outlived the young generation: V8's scavenges copied
 * them, a visible share of the agent's CPU with a span per request (issue 13, eighth pass).
 */
export class OtlpSpanRun {
  /** Spans written since the last take(). */
  count = 0;
  /** The ScopeSpans.spans fields (tag, length, Span) written so far. */
  private readonly spans = new ProtoWriter();
  private readonly head = new ProtoWriter();
  private readonly keyValues = new KeyValueCache();
  private readonly resourceBytes: Buffer;
  private readonly scopeBytes: Buffer;
  private readonly schemaUrl: string | undefined;
  private readonly scopeSchemaUrl: string | undefined;

  constructor(resource: Resource, scope: InstrumentationScope) {
    // The resource and scope messages never change: encoded once.
    const head = this.head;
    head.attributes(1, resource.attributes as Attributes);
    this.resourceBytes = head.copyOut();
    head.pos = 0;
    head.string(1, scope.name);
    if (scope.version) head.string(2, scope.version);
    this.scopeBytes = head.copyOut();
    this.schemaUrl = resource.schemaUrl;
    this.scopeSchemaUrl = scope.schemaUrl;
  }

  add(span: ReadableSpan): void {
    const w = this.spans;
    const size = spanSize(span, this.keyValues);
    w.len(2, size);
    const start = w.pos;
    writeSpan(w, span, this.keyValues);
    if (w.pos - start !== size) throw new Error(`OTLP span size ${w.pos - start} != computed ${size}`);
    this.count++;
  }

  /** The ExportTraceServiceRequest of the spans added since the last take() (a Buffer of its own); the run starts over. */
  take(): Buffer {
    const spansSize = this.spans.pos;
    const scopeSpansSize = lenFieldSize(this.scopeBytes.length) + spansSize + (this.scopeSchemaUrl ? lenFieldSize(utf8Length(this.scopeSchemaUrl)) : 0);
    const resourceSpansSize = lenFieldSize(this.resourceBytes.length) + lenFieldSize(scopeSpansSize) + (this.schemaUrl ? lenFieldSize(utf8Length(this.schemaUrl)) : 0);
    const head = this.head;
    head.pos = 0;
    head.len(1, resourceSpansSize);
    head.len(1, this.resourceBytes.length);
    head.bytes(this.resourceBytes);
    head.len(2, scopeSpansSize);
    head.len(1, this.scopeBytes.length);
    head.bytes(this.scopeBytes);
    const headLength = head.pos;
    // The schema URLs close the ScopeSpans and ResourceSpans messages, after the spans.
    if (this.scopeSchemaUrl) head.string(3, this.scopeSchemaUrl);
    if (this.schemaUrl) head.string(3, this.schemaUrl);
    const body = Buffer.concat([head.buf.subarray(0, headLength), this.spans.buf.subarray(0, spansSize), head.buf.subarray(headLength, head.pos)]);
    this.spans.pos = 0;
    this.count = 0;
    return body;
  }
}
