import { describe, expect, it } from 'vitest';
import { compress } from 'snappyjs';
import { snappyBlockProblem } from './snappy-block-check';
import { snappyUncompressedLength } from './decode-protobuf-push';

const preamble = (data: Uint8Array) => {
  let n = 1;
  while (data[n - 1]! & 0x80) n++;
  return n;
};
const check = (data: Uint8Array) => snappyBlockProblem(data, snappyUncompressedLength(data)!, preamble(data));

describe('snappyBlockProblem', () => {
  it('accepts what a snappy encoder writes', () => {
    const text = new TextEncoder().encode('loki line '.repeat(500) + 'tail');
    expect(check(compress(text))).toBeNull();
    expect(check(compress(new Uint8Array(0)))).toBeNull();
  });

  it('refuses a literal whose 4-byte length is above 2^31 (snappyjs reads it as negative and crawls for seconds)', () => {
    // Found by the HTTP fuzz test: 9 bytes that kept a server busy for seconds each.
    expect(check(new Uint8Array([0xcb, 0x64, 0xfc, 0xe4, 0x99, 0xa6, 0x94, 0x04, 0x75]))).toBe('a literal runs past the end');
  });

  it('refuses copies before the start and output longer or shorter than declared', () => {
    expect(check(new Uint8Array([0x04, 0x01, 0x05]))).toBe('a copy refers to data before the start');
    expect(check(new Uint8Array([0x01, 0x04, 0x61, 0x62]))).toBe('it yields more bytes than its preamble declares');
    expect(check(new Uint8Array([0x03, 0x00, 0x61]))).toBe('it yields fewer bytes than its preamble declares');
  });
});
