// Typed readers of protobuf-JSON fields in OTLP JSON bodies: an absent field reads as its proto3 default, a
// value of the wrong JSON type fails with the field's path. One set per kind of body, so the error names it
// ("Invalid OTLP JSON at …", "Invalid OTLP metrics at …"); traces, logs and metrics share the rules.
import { OtlpDecodeError } from './otlp-request';

export type Json = Record<string, unknown>;

export interface JsonFieldReaders {
  fail(path: string, why: string): never;
  obj(value: unknown, path: string): Json;
  arr(value: unknown, path: string): unknown[];
  str(value: unknown, path: string): string;
  /** int64/fixed64 as bigint: a decimal string (exact) or a JSON number (exact only below 2^53). */
  int64(value: unknown, path: string): bigint;
}

export function jsonFieldReaders(what: string): JsonFieldReaders {
  const fail = (path: string, why: string): never => {
    throw new OtlpDecodeError(`Invalid ${what} at ${path}: ${why}`);
  };
  return {
    fail,
    obj(value, path) {
      if (value === undefined || value === null) return {};
      if (typeof value !== 'object' || Array.isArray(value)) fail(path, 'expected an object');
      return value as Json;
    },
    arr(value, path) {
      if (value === undefined || value === null) return [];
      if (!Array.isArray(value)) fail(path, 'expected an array');
      return value as unknown[];
    },
    str(value, path) {
      if (value === undefined || value === null) return '';
      if (typeof value !== 'string') fail(path, 'expected a string');
      return value as string;
    },
    int64(value, path) {
      if (value === undefined || value === null) return 0n;
      if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
      if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
      return fail(path, 'expected an integer (decimal string or number)');
    },
  };
}
