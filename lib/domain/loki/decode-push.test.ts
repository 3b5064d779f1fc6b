import { describe, expect, it } from 'vitest';
import { compress } from 'snappyjs';
import { decodeJsonPush } from './decode-json-push';
import { decodeProtobufPush, snappyUncompressedLength } from './decode-protobuf-push';
import { PushRequestType } from './logproto';
import { PushDecodeError } from './push-model';
import { parseNanoTimestamp } from './parse-timestamp';

function protoBody(message: object): Uint8Array {
  const raw = PushRequestType.encode(PushRequestType.fromObject(message)).finish();
  return compress(new Uint8Array(raw));
}

function decodeError(fn: () => unknown): PushDecodeError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PushDecodeError) return error;
    throw error;
  }
  throw new Error('expected a PushDecodeError');
}

describe('parseNanoTimestamp', () => {
  it('accepts decimal ns strings only', () => {
    expect(parseNanoTimestamp('1764000000123456789')).toBe(1764000000123456789n);
    for (const bad of ['1.5e18', '-1', 'abc', '', ' 1', 1764000000, '9223372036854775808', '12345678901234567890']) {
      expect(parseNanoTimestamp(bad)).toBeNull();
    }
  });
});

describe('decodeJsonPush', () => {
  it('decodes streams, values and structured metadata', () => {
    const body = JSON.stringify({
      streams: [
        {
          stream: { app: 'api' },
          values: [
            ['1764000000000000001', 'hello'],
            ['1764000000000000002', 'bye', { trace_id: 'abc' }],
          ],
        },
      ],
    });
    expect(decodeJsonPush(body)).toEqual([
      {
        labels: { app: 'api' },
        entries: [
          { timeUnixNano: 1764000000000000001n, line: 'hello', metadata: {} },
          { timeUnixNano: 1764000000000000002n, line: 'bye', metadata: { trace_id: 'abc' } },
        ],
      },
    ]);
  });

  it.each([
    ['{', /not valid JSON/],
    ['{"streams":{}}', /"streams" array/],
    ['{"streams":[{"stream":{"a":1},"values":[]}]}', /streams\[0\]\.stream\.a must be a string/],
    ['{"streams":[{"stream":{"a-b":"1"},"values":[]}]}', /invalid label name "a-b"/],
    ['{"streams":[{"stream":{},"values":[["abc","x"]]}]}', /streams\[0\]\.values\[0\]\[0\]: timestamp must be unix nanoseconds/],
    ['{"streams":[{"stream":{},"values":[[1764000000000000000,"x"]]}]}', /timestamp must be unix nanoseconds/],
    ['{"streams":[{"stream":{},"values":[["1",5]]}]}', /log line must be a string/],
    ['{"streams":[{"stream":{},"values":[["1","x",{"k":1}]]}]}', /values\[0\]\[2\]\.k must be a string/],
  ])('rejects %s', (body, message) => {
    const error = decodeError(() => decodeJsonPush(body));
    expect(error.kind).toBe('bad_request');
    expect(error.message).toMatch(message);
  });
});

describe('decodeProtobufPush', () => {
  const message = {
    streams: [
      {
        labels: '{job="w", level="info"}',
        entries: [
          { timestamp: { seconds: 1764000000, nanos: 5 }, line: 'one', structuredMetadata: [{ name: 'trace_id', value: 'x' }] },
          { timestamp: { seconds: 1764000001, nanos: 0 }, line: 'two' },
        ],
      },
    ],
  };

  it('decodes snappy-compressed logproto.PushRequest', () => {
    expect(decodeProtobufPush(protoBody(message), 1 << 20)).toEqual([
      {
        labels: { job: 'w', level: 'info' },
        entries: [
          { timeUnixNano: 1764000000000000005n, line: 'one', metadata: { trace_id: 'x' } },
          { timeUnixNano: 1764000001000000000n, line: 'two', metadata: {} },
        ],
      },
    ]);
  });

  it('reads 64-bit seconds past 2^32 exactly', () => {
    const body = protoBody({ streams: [{ labels: '{a="b"}', entries: [{ timestamp: { seconds: 5_000_000_000, nanos: 7 }, line: 'x' }] }] });
    expect(decodeProtobufPush(body, 1 << 20)[0]?.entries[0]?.timeUnixNano).toBe(5_000_000_000_000_000_007n);
  });

  it('refuses a declared size past the cap before decompressing (bomb)', () => {
    // A 5-byte preamble claiming 4 GiB - 1 and no payload.
    const bomb = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 0x00]);
    expect(snappyUncompressedLength(bomb)).toBe(2 ** 32 - 1);
    const error = decodeError(() => decodeProtobufPush(bomb, 1 << 20));
    expect(error.kind).toBe('too_large');
    // A real, highly compressible 2 MiB body against a 1 MiB cap.
    const big = compress(new Uint8Array(2 << 20));
    expect(decodeError(() => decodeProtobufPush(big, 1 << 20)).kind).toBe('too_large');
  });

  it('rejects corrupt snappy, truncated protobuf and bad label strings', () => {
    const good = protoBody(message);
    const corrupt = good.slice();
    corrupt.fill(0xff, 2, 12);
    expect(decodeError(() => decodeProtobufPush(corrupt, 1 << 20)).message).toMatch(/snappy/);
    const raw = PushRequestType.encode(PushRequestType.fromObject(message)).finish();
    const truncated = compress(new Uint8Array(raw.slice(0, raw.length - 4)));
    expect(decodeError(() => decodeProtobufPush(truncated, 1 << 20)).message).toMatch(/malformed logproto.PushRequest/);
    const badLabels = protoBody({ streams: [{ labels: '{job=w}', entries: [] }] });
    expect(decodeError(() => decodeProtobufPush(badLabels, 1 << 20)).message).toMatch(/streams\[0\]\.labels: expected a double-quoted value at position 5/);
  });
});
