// Property-based fuzzing of the ingest decoders and mappers (issue #19): for hostile bodies of every format,
// decoding either succeeds or throws the format's decode error (→ 400), never anything else (→ 500), and
// every row that comes out is storable: no NUL or lone surrogate in any string, ints within their columns,
// index-key names within the btree budget. The full HTTP path is fuzzed in test/hardening.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeOtlpLogsJson, decodeOtlpTraceJson } from './otlp/decode-otlp-json';
import { decodeOtlpTraceProto } from './otlp/decode-otlp-proto';
import { logsFromOtlp } from './otlp/logs-from-otlp';
import { OtlpDecodeError } from './otlp/otlp-request';
import { MAX_INT8, spansFromOtlp } from './otlp/spans-from-otlp';
import { spansFromZipkin } from './zipkin/spans-from-zipkin';
import { decodeJsonPush } from './loki/decode-json-push';
import { decodeProtobufPush } from './loki/decode-protobuf-push';
import { PushDecodeError } from './loki/push-model';
import { pushToLogRows } from './loki/push-to-log-rows';
import { isStorableText, MAX_INDEXED_NAME_BYTES, MAX_INT4 } from './model/storable';
import type { SpanRecord } from './model/span';
import type { LogRow } from './model/log-row';
import { DEEP_PROTO_TRACE, lokiJsonBody, lokiProtoBody, otlpJsonLogsBody, otlpJsonTraceBody, otlpProtoTraceBody, zipkinBody } from '@/test/support/fuzz-bodies';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
const utf8 = new TextEncoder();

/** Every string reachable from `value` (keys too) is storable. */
function assertStorable(value: unknown, path = '$'): void {
  if (typeof value === 'string') {
    if (!isStorableText(value)) throw new Error(`unstorable string at ${path}: ${JSON.stringify(value.slice(0, 40))}`);
  } else if (Array.isArray(value)) value.forEach((v, i) => assertStorable(v, `${path}[${i}]`));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!isStorableText(k)) throw new Error(`unstorable key at ${path}`);
      assertStorable(v, `${path}.${k}`);
    }
  }
}

function assertSpanStorable(s: SpanRecord): void {
  assertStorable({ ...s, startTimeUnixNano: 0, endTimeUnixNano: 0, events: s.events.map((e) => ({ ...e, timeUnixNano: 0 })) });
  for (const n of [s.flags, s.droppedAttributesCount, s.droppedEventsCount, s.droppedLinksCount]) {
    expect(Number.isInteger(n) && n >= 0 && n <= MAX_INT4).toBe(true);
  }
  expect(s.startTimeUnixNano > 0n && s.endTimeUnixNano <= MAX_INT8 && s.endTimeUnixNano >= s.startTimeUnixNano).toBe(true);
  expect(utf8.encode(s.name).length).toBeLessThanOrEqual(MAX_INDEXED_NAME_BYTES);
  expect(utf8.encode(s.serviceName).length).toBeLessThanOrEqual(MAX_INDEXED_NAME_BYTES);
  expect(() => JSON.stringify(s.attributes)).not.toThrow();
}

function assertLogStorable(r: LogRow): void {
  assertStorable({ ...r, timeUnixNano: 0, observedTimeUnixNano: 0 });
  expect(r.timeUnixNano > 0n && r.timeUnixNano <= MAX_INT8).toBe(true);
  if (r.severityNumber !== null) expect(r.severityNumber >= -32768 && r.severityNumber <= 32767).toBe(true);
}

/** Runs `decode`; only `allowed` errors may escape (they become 400). */
function decodesOrRejects<T>(decode: () => T, allowed: new (...args: never[]) => Error): T | null {
  try {
    return decode();
  } catch (error) {
    if (error instanceof allowed) return null;
    throw error;
  }
}

// A generous timeout: ~1.5 s per format on an idle machine, several times that on a busy shared one.
describe('fuzzing the ingest decoders (fast-check)', { timeout: 60_000 }, () => {
  it('OTLP JSON traces', () => {
    fc.assert(
      fc.property(otlpJsonTraceBody, (body) => {
        const decoded = decodesOrRejects(() => decodeOtlpTraceJson(body), OtlpDecodeError);
        if (decoded) spansFromOtlp(decoded, 't').spans.forEach(assertSpanStorable);
      }),
      { numRuns: RUNS },
    );
  });

  it('OTLP JSON logs', () => {
    fc.assert(
      fc.property(otlpJsonLogsBody, (body) => {
        const decoded = decodesOrRejects(() => decodeOtlpLogsJson(body), OtlpDecodeError);
        if (decoded) logsFromOtlp(decoded, 't').logs.forEach(assertLogStorable);
      }),
      { numRuns: RUNS },
    );
  });

  it('OTLP protobuf traces', () => {
    fc.assert(
      fc.property(otlpProtoTraceBody, (body) => {
        const decoded = decodesOrRejects(() => decodeOtlpTraceProto(body), OtlpDecodeError);
        if (decoded) spansFromOtlp(decoded, 't').spans.forEach(assertSpanStorable);
      }),
      { numRuns: RUNS },
    );
    expect(() => decodeOtlpTraceProto(DEEP_PROTO_TRACE)).toThrow(/nested deeper than 64/);
  });

  it('Zipkin v2', () => {
    fc.assert(
      fc.property(zipkinBody, (body) => {
        const result = decodesOrRejects(() => spansFromZipkin(body, 't'), OtlpDecodeError);
        result?.spans.forEach(assertSpanStorable);
      }),
      { numRuns: RUNS },
    );
    expect(() => spansFromZipkin(JSON.stringify([{ traceId: 'a'.repeat(32), id: 'b'.repeat(16), timestamp: 1e29 }]), 't')).toThrow(/timestamp out of range/);
  });

  it('Loki JSON and protobuf pushes', () => {
    const now = BigInt(Date.now()) * 1_000_000n;
    fc.assert(
      fc.property(lokiJsonBody, (body) => {
        const streams = decodesOrRejects(() => decodeJsonPush(body), PushDecodeError);
        if (streams)
          pushToLogRows(streams, 't', now)
            .filter((r) => r.timeUnixNano > 0n && r.timeUnixNano <= MAX_INT8)
            .forEach(assertLogStorable);
      }),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(lokiProtoBody, (body) => {
        const streams = decodesOrRejects(() => decodeProtobufPush(body, 1 << 20), PushDecodeError);
        if (streams)
          pushToLogRows(streams, 't', now)
            .filter((r) => r.timeUnixNano > 0n && r.timeUnixNano <= MAX_INT8)
            .forEach(assertLogStorable);
      }),
      { numRuns: RUNS },
    );
  });
});
