// Edge cases of the hand-written protobuf decoder: values the JS SDK never produces (kvlist, bytes, int64
// beyond 2^53, fixed64 beyond 2^63), unknown fields and unexpected wire types.
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { decodeOtlpLogsProto, decodeOtlpTraceProto } from './decode-otlp-proto';
import { OtlpProto } from './otlp-proto-schema';
import { spansFromOtlp } from './spans-from-otlp';

const T = OtlpProto.ExportTraceServiceRequest;
const tid = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
const sid = Uint8Array.from({ length: 8 }, (_, i) => 0xa0 + i);

function encodeSpan(span: Record<string, unknown>): Uint8Array {
  return T.encode(T.fromObject({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: tid, spanId: sid, name: 's', ...span }] }] }] })).finish();
}

describe('decodeOtlpTraceProto', () => {
  it('decodes every AnyValue kind and exact 64-bit values', () => {
    const body = encodeSpan({
      startTimeUnixNano: '18446744073709551615',
      endTimeUnixNano: '1700000000000000001',
      attributes: [
        { key: 'big', value: { intValue: '-9223372036854775808' } },
        { key: 'bytes', value: { bytesValue: new Uint8Array([1, 2, 255]) } },
        {
          key: 'kv',
          value: {
            kvlistValue: {
              values: [
                { key: 'a', value: { doubleValue: -0.25 } },
                { key: 'b', value: { arrayValue: { values: [{ boolValue: true }, {}] } } },
              ],
            },
          },
        },
        { key: 'empty', value: {} },
      ],
    });
    const span = decodeOtlpTraceProto(body).resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    expect(span.traceId).toBe('0102030405060708090a0b0c0d0e0f10');
    expect(span.spanId).toBe('a0a1a2a3a4a5a6a7');
    expect(span.startTimeUnixNano).toBe(18_446_744_073_709_551_615n);
    expect(span.endTimeUnixNano).toBe(1_700_000_000_000_000_001n);
    expect(span.attributes).toEqual({
      big: { intValue: '-9223372036854775808' },
      bytes: { bytesValue: 'AQL/' },
      kv: {
        kvlistValue: {
          values: [
            { key: 'a', value: { doubleValue: -0.25 } },
            { key: 'b', value: { arrayValue: { values: [{ boolValue: true }, {}] } } },
          ],
        },
      },
      empty: {},
    });
    // start past int8 → rejected rather than overflowing the column
    expect(spansFromOtlp(decodeOtlpTraceProto(body), 'd').errorMessage).toContain('end time before start time');
  });

  it('skips unknown fields and fields with an unexpected wire type', () => {
    const span = encodeSpan({ startTimeUnixNano: '5', endTimeUnixNano: '6' });
    const w = protobuf.Writer.create();
    w.uint32((99 << 3) | 2).string('future field'); // unknown length-delimited field at top level
    w.uint32((1 << 3) | 0).uint32(7); // field 1 (resourceSpans) as a varint: wrong wire type, skipped
    w.uint32((98 << 3) | 5).fixed32(1234);
    const extra = w.finish();
    const body = new Uint8Array(extra.length + span.length);
    body.set(extra);
    body.set(span, extra.length);
    const decoded = decodeOtlpTraceProto(body);
    expect(decoded.resourceSpans).toHaveLength(1);
    expect(decoded.resourceSpans[0]!.scopeSpans[0]!.spans[0]!.name).toBe('s');
  });

  it('rejects a nested length that runs past the buffer', () => {
    expect(() => decodeOtlpTraceProto(new Uint8Array([0x0a, 0x05, 0x12, 0x10, 0x00]))).toThrow(/Cannot decode protobuf ExportTraceServiceRequest/);
  });

  it('decodes an empty body as an empty request', () => {
    expect(decodeOtlpTraceProto(new Uint8Array())).toEqual({ resourceSpans: [] });
    expect(decodeOtlpLogsProto(new Uint8Array())).toEqual({ resourceLogs: [] });
  });
});

describe('int64 attribute values', () => {
  it('are exact at the 2^53 and 2^63 edges, positive and negative', () => {
    const values = [
      '0',
      '1',
      '-1',
      '2147483647',
      '-2147483648',
      '4294967296',
      '-4294967297',
      '9007199254740991',
      '-9007199254740991',
      '9007199254740993',
      '9223372036854775807',
      '-9223372036854775807',
    ];
    const body = encodeSpan({ attributes: values.map((v, i) => ({ key: `k${i}`, value: { intValue: v } })) });
    const attrs = decodeOtlpTraceProto(body).resourceSpans[0]!.scopeSpans[0]!.spans[0]!.attributes;
    expect(values.map((_, i) => attrs[`k${i}`])).toEqual(values.map((v) => ({ intValue: v })));
  });
});
