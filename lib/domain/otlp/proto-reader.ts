// Low-level helpers for the hand-written OTLP protobuf decoders, on top of protobufjs's Reader (varints,
// fixed-width ints, UTF-8 strings, skipping unknown fields). Each decoder reads a message as
// `while (r.pos < end) { tag = r.uint32(); switch (tag >>> 3) ... }`, checks wire types, and skips anything
// it does not know — as protobuf requires for forward compatibility. Truncated or malformed input makes the
// Reader throw (RangeError / Error), which the public decoders turn into OtlpDecodeError.
import protobuf from 'protobufjs';
import { setOwn, type AnyValue, type Attributes, type KeyValue } from '../model/any-value';
import { MAX_ANY_VALUE_DEPTH } from './otlp-request';

export type Reader = protobuf.Reader;

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

const BYTE_HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function createReader(body: Uint8Array): Reader {
  return protobuf.Reader.create(body);
}

/** End offset of a length-delimited field starting at the reader's position (checked against the buffer). */
export function messageEnd(r: Reader): number {
  const len = r.uint32();
  const end = r.pos + len;
  if (end > r.len) throw new RangeError(`field length ${len} runs past the end of the message`);
  return end;
}

/** A bytes field as lowercase hex, without allocating a copy of the bytes. */
export function readHex(r: Reader): string {
  const end = messageEnd(r);
  let out = '';
  for (let i = r.pos; i < end; i++) out += BYTE_HEX[r.buf[i] as number];
  r.pos = end;
  return out;
}

/** fixed64 as an exact unsigned bigint (two little-endian 32-bit halves; never a JS number). */
export function readFixed64(r: Reader): bigint {
  const low = r.fixed32();
  const high = r.fixed32();
  return high === 0 ? BigInt(low) : (BigInt(high) << 32n) | BigInt(low);
}

/** int64 as a decimal string; values within ±2^53 skip Long's slow generic toString (hot: 1 in 4 attributes). */
function int64Text(v: number | { low: number; high: number; toString(): string }): string {
  if (typeof v === 'number') return String(v);
  if (v.high >= -0x200000 && v.high < 0x200000) return String(v.high * 4294967296 + (v.low >>> 0));
  return v.toString();
}

function base64(bytes: Uint8Array): string {
  return protobuf.util.base64.encode(bytes, 0, bytes.length);
}

export function skip(r: Reader, tag: number): void {
  r.skipType(tag & 7);
}

export function readAnyValue(r: Reader, end: number, depth = 0): AnyValue {
  if (depth > MAX_ANY_VALUE_DEPTH) throw new RangeError(`values nested deeper than ${MAX_ANY_VALUE_DEPTH} levels`);
  let value: AnyValue = {};
  while (r.pos < end) {
    const tag = r.uint32();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 1:
        if (wire !== WIRE_LEN) break;
        value = { stringValue: r.string() };
        continue;
      case 2:
        if (wire !== WIRE_VARINT) break;
        value = { boolValue: r.bool() };
        continue;
      case 3:
        if (wire !== WIRE_VARINT) break;
        value = { intValue: int64Text(r.int64()) };
        continue;
      case 4:
        if (wire !== WIRE_FIXED64) break;
        value = { doubleValue: r.double() };
        continue;
      case 5: {
        if (wire !== WIRE_LEN) break;
        const values: AnyValue[] = [];
        const arrayEnd = messageEnd(r);
        while (r.pos < arrayEnd) {
          const t = r.uint32();
          if (t >>> 3 === 1 && (t & 7) === WIRE_LEN) values.push(readAnyValue(r, messageEnd(r), depth + 1));
          else skip(r, t);
        }
        value = { arrayValue: { values } };
        continue;
      }
      case 6: {
        if (wire !== WIRE_LEN) break;
        const values: KeyValue[] = [];
        const listEnd = messageEnd(r);
        while (r.pos < listEnd) {
          const t = r.uint32();
          if (t >>> 3 === 1 && (t & 7) === WIRE_LEN) {
            const kv = readKeyValue(r, messageEnd(r), depth + 1);
            values.push({ key: kv[0], value: kv[1] });
          } else skip(r, t);
        }
        value = { kvlistValue: { values } };
        continue;
      }
      case 7:
        if (wire !== WIRE_LEN) break;
        value = { bytesValue: base64(r.bytes()) };
        continue;
    }
    skip(r, tag);
  }
  return value;
}

export function readKeyValue(r: Reader, end: number, depth = 0): [string, AnyValue] {
  let key = '';
  let value: AnyValue = {};
  while (r.pos < end) {
    const tag = r.uint32();
    if ((tag & 7) === WIRE_LEN && tag >>> 3 === 1) key = r.string();
    else if ((tag & 7) === WIRE_LEN && tag >>> 3 === 2) value = readAnyValue(r, messageEnd(r), depth);
    else skip(r, tag);
  }
  return [key, value];
}

/** Reads one KeyValue (the field's length prefix is next) into `into`; a repeated key keeps its last value. */
export function readAttribute(r: Reader, into: Attributes): void {
  const [key, value] = readKeyValue(r, messageEnd(r));
  setOwn(into, key, value);
}
