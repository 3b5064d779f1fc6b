// Walks a snappy block (the Loki push body format) without writing anything and says what is wrong with it,
// before snappyjs decompresses it. snappyjs reads a 4-byte literal length as a signed 32-bit number: a crafted
// length above 2^31 goes negative, moves its read position back by up to 2^31 and then crawls forward one
// byte at a time — seconds of CPU per 9-byte request, enough to stall the server. Checked here with unsigned
// arithmetic, so a malformed stream costs one linear pass.
// Format: varint uncompressed length, then elements: literal (tag & 3 = 0) or copy (1, 2 or 4 offset bytes).

/** A description of the first problem, or null for a well-formed block that yields `declaredLength` bytes. */
export function snappyBlockProblem(data: Uint8Array, declaredLength: number, preambleBytes: number): string | null {
  let pos = preambleBytes;
  let out = 0;
  while (pos < data.length) {
    const tag = data[pos]!;
    pos += 1;
    const type = tag & 0x3;
    if (type === 0) {
      let length = (tag >>> 2) + 1;
      if (length > 60) {
        const extra = length - 60;
        if (pos + extra > data.length) return 'a literal length runs past the end';
        length = 0;
        for (let i = 0; i < extra; i++) length += data[pos + i]! * 2 ** (8 * i);
        length += 1;
        pos += extra;
      }
      if (pos + length > data.length) return 'a literal runs past the end';
      pos += length;
      out += length;
    } else {
      let length: number;
      let offset: number;
      if (type === 1) {
        if (pos + 1 > data.length) return 'a copy runs past the end';
        length = ((tag >>> 2) & 0x7) + 4;
        offset = data[pos]! + (tag >>> 5) * 256;
        pos += 1;
      } else if (type === 2) {
        if (pos + 2 > data.length) return 'a copy runs past the end';
        length = (tag >>> 2) + 1;
        offset = data[pos]! + data[pos + 1]! * 256;
        pos += 2;
      } else {
        if (pos + 4 > data.length) return 'a copy runs past the end';
        length = (tag >>> 2) + 1;
        offset = data[pos]! + data[pos + 1]! * 256 + data[pos + 2]! * 65536 + data[pos + 3]! * 16777216;
        pos += 4;
      }
      if (offset === 0 || offset > out) return 'a copy refers to data before the start';
      out += length;
    }
    if (out > declaredLength) return 'it yields more bytes than its preamble declares';
  }
  return out === declaredLength ? null : 'it yields fewer bytes than its preamble declares';
}
