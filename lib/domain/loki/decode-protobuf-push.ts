// Loki's protobuf push body: snappy BLOCK format (not framed) around logproto.PushRequest.
// Decompression is bounded: the uncompressed length varint at the head of the block is read and checked
// against the cap BEFORE any output buffer is allocated, so a tiny body declaring gigabytes is refused at once.
import { snappyBlockProblem } from './snappy-block-check';
import { uncompress } from 'snappyjs';
import { setOwn } from '../model/any-value';
import { LabelSyntaxError, parseLabelString } from './label-string';
import { PushRequestType, type ProtoPushRequest, type ProtoTimestamp } from './logproto';
import { PushDecodeError, type PushStream } from './push-model';

const MAX_INT64 = 9_223_372_036_854_775_807n;

/** Snappy's preamble: the uncompressed length as a little-endian base-128 varint (at most 5 bytes, < 2^32). */
export function snappyUncompressedLength(data: Uint8Array): number | null {
  let result = 0;
  for (let i = 0; i < 5 && i < data.length; i++) {
    const byte = data[i] as number;
    result += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return result;
  }
  return null;
}

/** Bytes of the varint preamble (snappyUncompressedLength has already checked it ends within 5). */
function preambleLength(data: Uint8Array): number {
  let n = 1;
  while ((data[n - 1]! & 0x80) !== 0) n++;
  return n;
}

export function snappyDecompressCapped(data: Uint8Array, maxBytes: number): Uint8Array {
  const length = snappyUncompressedLength(data);
  if (length === null) throw new PushDecodeError('bad_request', 'body is not snappy block-compressed (bad length preamble)');
  if (length > maxBytes) {
    throw new PushDecodeError('too_large', `snappy body declares ${length} uncompressed bytes; the limit is ${maxBytes}`);
  }
  const problem = snappyBlockProblem(data, length, preambleLength(data));
  if (problem) throw new PushDecodeError('bad_request', `corrupt snappy body: ${problem}`);
  try {
    // A plain Uint8Array view, so snappyjs returns a Uint8Array too.
    return uncompress(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), maxBytes);
  } catch (error) {
    throw new PushDecodeError('bad_request', `corrupt snappy body: ${(error as Error).message}`);
  }
}

function timestampNs(ts: ProtoTimestamp | null | undefined, where: string): bigint {
  if (!ts) throw new PushDecodeError('bad_request', `${where}: missing timestamp`);
  const raw = ts.seconds ?? 0;
  // Long → bigint from its two 32-bit halves (Long#toString is a slow decimal conversion on the hot path).
  const seconds = typeof raw === 'number' ? BigInt(raw) : BigInt.asIntN(64, (BigInt(raw.high) << 32n) | BigInt(raw.low >>> 0));
  const nanos = ts.nanos ?? 0;
  if (seconds < 0n || nanos < 0 || nanos > 999_999_999) throw new PushDecodeError('bad_request', `${where}: invalid timestamp`);
  const ns = seconds * 1_000_000_000n + BigInt(nanos);
  if (ns > MAX_INT64) throw new PushDecodeError('bad_request', `${where}: timestamp out of range`);
  return ns;
}

export function decodeProtobufPush(compressed: Uint8Array, maxUncompressedBytes: number): PushStream[] {
  const raw = snappyDecompressCapped(compressed, maxUncompressedBytes);
  let message: ProtoPushRequest;
  try {
    message = PushRequestType.decode(raw) as unknown as ProtoPushRequest;
  } catch (error) {
    throw new PushDecodeError('bad_request', `malformed logproto.PushRequest: ${(error as Error).message}`);
  }
  return (message.streams ?? []).map((s, si) => {
    let labels: Record<string, string>;
    try {
      labels = parseLabelString(s.labels ?? '');
    } catch (error) {
      if (error instanceof LabelSyntaxError) {
        throw new PushDecodeError('bad_request', `streams[${si}].labels: ${error.message} in ${JSON.stringify((s.labels ?? '').slice(0, 200))}`);
      }
      throw error;
    }
    const entries = (s.entries ?? []).map((e, ei) => {
      const metadata: Record<string, string> = {};
      for (const pair of e.structuredMetadata ?? []) if (pair.name) setOwn(metadata, pair.name, pair.value ?? '');
      return { timeUnixNano: timestampNs(e.timestamp, `streams[${si}].entries[${ei}]`), line: e.line ?? '', metadata };
    });
    return { labels, entries };
  });
}
