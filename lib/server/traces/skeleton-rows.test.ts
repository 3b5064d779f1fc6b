// The skeleton's binary rows end to end without a database: rows written by SkeletonRowWriter (the embedded
// path), the same rows shaped like a binary COPY (resource hashes in field 0) pushed through SkeletonCopyRows
// split at every byte, and decodeSkeleton reading both back.
import { describe, expect, it } from 'vitest';
import { COPY_HEADER_LENGTH, COPY_SIGNATURE, SkeletonFormatError, decodeSkeleton } from '@/lib/domain/waterfall/skeleton-binary';
import { parentIdAt, spanIdAt, type SkeletonColumns } from '@/lib/domain/waterfall/skeleton-columns';
import { SkeletonCopyRows, rowEnd } from './skeleton-copy-rows';
import { SkeletonRowWriter, type SkeletonTextRow } from './skeleton-row-writer';
import { TraceResources } from './trace-resources';

const HASH_A = '-8070450532247928832'; // 0x9000000000000000 as int8
const HASH_B = '81985529216486895'; // 0x0123456789abcdef

function rows(): SkeletonTextRow[] {
  return [
    {
      resource_index: 0,
      span_id: '00000000000000a1',
      parent_span_id: null,
      name: 'GET /checkout',
      kind: 2,
      start_rel: '0',
      end_rel: '100000000',
      status_code: 0,
      status_message: '',
      event_times: null,
    },
    {
      resource_index: 1,
      span_id: 'ffffffff00000002',
      parent_span_id: '00000000000000a1',
      name: 'ünïcødé ✓ <script>',
      kind: 3,
      start_rel: '5',
      end_rel: '-1795560486899000000',
      status_code: 2,
      status_message: 'boom\nline 2',
      event_times: '{7,8,9007199254740000}',
    },
    {
      resource_index: 0,
      span_id: '0000000000000003',
      parent_span_id: 'deadbeefdeadbeef',
      name: 'GET /checkout',
      kind: 1,
      start_rel: '6',
      end_rel: '7',
      status_code: 1,
      status_message: '',
      event_times: '{}',
    },
  ];
}

function trailer(resources: string[]): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xff]),
    Buffer.from(
      JSON.stringify({
        traceId: 'ab'.repeat(16),
        baseUnixNano: '1795560486899000000',
        resources: resources.map((serviceName) => ({ serviceName, attributes: {}, host: { id: null, name: null, ip: null, serviceInstanceId: null } })),
      }),
    ),
  ]);
}

function header(): Buffer {
  const h = Buffer.alloc(COPY_HEADER_LENGTH);
  h.set(COPY_SIGNATURE);
  return h;
}

function body(rowBytes: Buffer): Uint8Array {
  return new Uint8Array(Buffer.concat([header(), rowBytes, trailer(['frontend', 'db'])]));
}

function written(list = rows()): Buffer {
  const writer = new SkeletonRowWriter();
  for (const r of list) writer.write(r);
  return writer.take();
}

function expectDecodedRows(columns: SkeletonColumns): void {
  expect(columns.count).toBe(3);
  expect([0, 1, 2].map((i) => spanIdAt(columns, i))).toEqual(['00000000000000a1', 'ffffffff00000002', '0000000000000003']);
  expect([0, 1, 2].map((i) => parentIdAt(columns, i))).toEqual([null, '00000000000000a1', 'deadbeefdeadbeef']);
  expect(Array.from(columns.nameIndex, (k) => columns.names[k])).toEqual(['GET /checkout', 'ünïcødé ✓ <script>', 'GET /checkout']);
  expect(columns.names).toHaveLength(2); // interned
  expect(Array.from(columns.kind)).toEqual([2, 3, 1]);
  expect(Array.from(columns.start)).toEqual([0, 5, 6]);
  expect(columns.end[1]).toBeLessThan(0); // unfinished: end before start survives
  expect(Array.from(columns.statusCode)).toEqual([0, 2, 1]);
  expect(columns.statusMessage).toEqual(['', 'boom\nline 2', '']);
  expect(Array.from(columns.eventOffset)).toEqual([0, 0, 3, 3]);
  expect(Array.from(columns.eventTimes)).toEqual([7, 8, 9007199254740000]);
  expect(Array.from(columns.resourceIndex)).toEqual([0, 1, 0]);
  expect(columns.resources.map((r) => r.serviceName)).toEqual(['frontend', 'db']);
}

describe('skeleton rows', () => {
  it('SkeletonRowWriter rows decode to the same spans', () => {
    expectDecodedRows(decodeSkeleton(body(written())));
  });

  it('SkeletonCopyRows swaps resource hashes for first-seen indexes, whatever the chunk boundaries', () => {
    // A binary COPY of the same rows carries hashes where the writer put indexes.
    const hashed = written();
    const hashes = [HASH_A, HASH_B, HASH_A];
    let p = 0;
    for (const h of hashes) {
      hashed.writeBigInt64BE(BigInt(h), p + 6);
      p = rowEnd(hashed, p, hashed.readInt16BE(p));
    }
    const copy = Buffer.concat([header(), hashed, Buffer.from([0xff, 0xff])]);
    for (const cut of [1, 7, 19, 20, 33, copy.length - 1]) {
      const resources = new TraceResources();
      const stream = new SkeletonCopyRows(resources);
      const out = Buffer.concat([stream.push(Buffer.from(copy.subarray(0, cut))), stream.push(Buffer.from(copy.subarray(cut)))]);
      expect(stream.ended).toBe(true);
      expect(resources.size).toBe(2);
      expectDecodedRows(decodeSkeleton(body(out)));
    }
    // One byte at a time.
    const resources = new TraceResources();
    const stream = new SkeletonCopyRows(resources);
    const pieces: Buffer[] = [];
    for (let i = 0; i < copy.length; i++) pieces.push(stream.push(Buffer.from(copy.subarray(i, i + 1))));
    expectDecodedRows(decodeSkeleton(body(Buffer.concat(pieces))));
  });

  it('rejects malformed bodies with SkeletonFormatError', () => {
    const good = body(written());
    expect(() => decodeSkeleton(good.subarray(0, 10))).toThrow(SkeletonFormatError);
    expect(() => decodeSkeleton(new Uint8Array(Buffer.from('{"traceId":"x"}')))).toThrow(/bad signature/);
    // Truncated in the middle of a row.
    expect(() => decodeSkeleton(good.subarray(0, COPY_HEADER_LENGTH + 30))).toThrow(/truncated/);
    // A row with the wrong field count.
    const wrongCount = Buffer.from(good);
    wrongCount.writeInt16BE(9, COPY_HEADER_LENGTH);
    expect(() => decodeSkeleton(wrongCount)).toThrow(/9 fields/);
    // A resource index the trailer does not list.
    expect(() => decodeSkeleton(new Uint8Array(Buffer.concat([header(), written(), trailer(['only-one'])])))).toThrow(/resource 1/);
    // Trailer not JSON.
    expect(() => decodeSkeleton(new Uint8Array(Buffer.concat([header(), written(), Buffer.from([0xff, 0xff]), Buffer.from('{nope')])))).toThrow(/not JSON/);
  });

  it('SkeletonCopyRows refuses output that is not a binary COPY of skeleton rows', () => {
    expect(() => new SkeletonCopyRows(new TraceResources()).push(Buffer.from('a'.repeat(40)))).toThrow(/binary header/);
    const wrong = Buffer.concat([header(), Buffer.from([0, 3])]);
    expect(() => new SkeletonCopyRows(new TraceResources()).push(wrong)).toThrow(/3 fields/);
  });
});
