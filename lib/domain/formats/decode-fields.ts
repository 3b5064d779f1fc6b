// Field decoders shared by the OTLP JSON, Jaeger and Zipkin readers: ids in hex (or base64, as some OTLP
// JSON exporters send), int64 as decimal string or number, microseconds to nanoseconds. Pure, no Buffer, so
// they run in a browser too. Each throws TraceFormatError naming the field.
import { TraceFormatError } from './format-error';

const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A trace or span id as lowercase hex of `bytes` bytes; shorter hex ids are left-padded with zeros. */
export function decodeId(value: unknown, bytes: 8 | 16, field: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new TraceFormatError(`${field}: expected an id string`);
  if (HEX.test(value) && value.length <= bytes * 2) return value.toLowerCase().padStart(bytes * 2, '0');
  if (BASE64.test(value) && value.length === Math.ceil(bytes / 3) * 4) {
    const binary = atob(value);
    if (binary.length === bytes) {
      let hex = '';
      for (let i = 0; i < binary.length; i++) hex += binary.charCodeAt(i).toString(16).padStart(2, '0');
      return hex;
    }
  }
  throw new TraceFormatError(`${field}: "${value}" is not a ${bytes}-byte id in hex or base64`);
}

/** An optional id: empty, absent or all-zero means none. */
export function decodeOptionalId(value: unknown, bytes: 8 | 16, field: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  const id = decodeId(value, bytes, field);
  return /^0+$/.test(id) ? null : id;
}

/** An int64 sent as a decimal string (the JSON mapping) or a number (common in hand-written files). */
export function decodeInt64(value: unknown, field: string): bigint {
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isFinite(value)) return BigInt(Math.round(value));
  if (typeof value === 'bigint') return value;
  throw new TraceFormatError(`${field}: expected an integer (string or number), got ${JSON.stringify(value)}`);
}

export function decodeOptionalInt64(value: unknown, field: string): bigint | null {
  return value === undefined || value === null || value === '' ? null : decodeInt64(value, field);
}

export function microsToNanos(value: unknown, field: string): bigint {
  return decodeInt64(value, field) * 1000n;
}

export function asArray(value: unknown, field: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new TraceFormatError(`${field}: expected an array`);
  return value;
}

export function asObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TraceFormatError(`${field}: expected an object`);
  return value as Record<string, unknown>;
}

export function asString(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

export function asNumber(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
