// The binary skeleton from both of its paths: one binary COPY on the PostgreSQL server, a cursor re-encoded
// in Node on embedded PGlite. A 12k-span trace (several FETCH batches, several 1 MB enqueues) must decode to
// the spans written, identically on both, and a client that goes away must give its connection back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TENANT, StatusCode, type SpanRecord } from '@/lib/domain/model/span';
import { decodeSkeleton } from '@/lib/domain/waterfall/skeleton-binary';
import { parentIdAt, spanIdAt, type SkeletonColumns } from '@/lib/domain/waterfall/skeleton-columns';
import { supportsCopy } from '@/lib/server/db/copy-support';
import { openDatabase, type Database } from '@/lib/server/db/database';
import { writeSpans } from '@/lib/server/spans/write-spans';
import { generateTrace } from '@/test/support/generate-trace';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { streamTraceSkeleton } from './stream-trace-skeleton';
import { traceStart } from './stream-trace-spans';

const START = (BigInt(Date.now()) - 3_600_000n) * 1_000_000n;

function fixture(): SpanRecord[] {
  const spans = generateTrace(12_000, 7, 0, 20, START).spans;
  // Untrusted text and the rarer fields: non-ASCII names, a status message with a newline, several events.
  spans[1] = { ...spans[1]!, name: 'naïve ✓ <img src=x onerror=alert(1)>', statusCode: StatusCode.ERROR, statusMessage: 'upstream\nfailed' };
  spans[2] = {
    ...spans[2]!,
    events: [1n, 2n, 3n].map((k) => ({ timeUnixNano: spans[2]!.startTimeUnixNano + k, name: `e${k}`, attributes: {}, droppedAttributesCount: 0 })),
  };
  return spans;
}

async function skeletonOf(db: Database, traceId: string): Promise<SkeletonColumns> {
  const base = await traceStart(db, DEFAULT_TENANT, traceId);
  const reader = streamTraceSkeleton(db, DEFAULT_TENANT, traceId, base!).getReader();
  const chunks: Uint8Array[] = [];
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
  expect(chunks.length).toBeGreaterThan(2);
  return decodeSkeleton(Buffer.concat(chunks));
}

/** Per span id, everything the skeleton says about it (row order and resource numbering may differ). */
function bySpanId(s: SkeletonColumns): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  for (let i = 0; i < s.count; i++) {
    const resource = s.resources[s.resourceIndex[i]!]!;
    out.set(spanIdAt(s, i), [
      parentIdAt(s, i),
      s.names[s.nameIndex[i]!],
      s.kind[i],
      s.start[i],
      s.end[i],
      s.statusCode[i],
      s.statusMessage[i],
      Array.from(s.eventTimes.subarray(s.eventOffset[i]!, s.eventOffset[i + 1]!)),
      resource.serviceName,
      resource.attributes,
      resource.host,
    ]);
  }
  return out;
}

describe('streamTraceSkeleton', () => {
  const spans = fixture();
  const traceId = spans[0]!.traceId;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tracehound-skeleton-'));
  let server: TestDatabase;
  let serverDb: Database;
  let embeddedDb: Database;

  beforeAll(async () => {
    server = await createTestDatabase('th_skeleton');
    serverDb = await openDatabase({ DATABASE_URL: server.url, TRACEHOUND_DATA_DIR: dataDir, DB_POOL_SIZE: 1 });
    embeddedDb = await openDatabase({ DATABASE_URL: undefined, TRACEHOUND_DATA_DIR: dataDir, DB_POOL_SIZE: 1 });
    await writeSpans(serverDb.pool, spans);
    await writeSpans(embeddedDb.pool, spans);
  });

  afterAll(async () => {
    await serverDb?.close();
    await embeddedDb?.close();
    await server?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('COPY on the server and the cursor on PGlite both decode to the spans written', async () => {
    expect(supportsCopy(serverDb.pool)).toBe(true);
    expect(supportsCopy(embeddedDb.pool)).toBe(false);
    const fromServer = await skeletonOf(serverDb, traceId);
    const fromEmbedded = await skeletonOf(embeddedDb, traceId);
    expect(fromServer.count).toBe(spans.length);
    const base = BigInt(fromServer.baseUnixNano);
    const expected = new Map(
      spans.map((s) => [
        s.spanId,
        [
          s.parentSpanId,
          s.name,
          s.kind,
          Number(s.startTimeUnixNano - base),
          Number(s.endTimeUnixNano - base),
          s.statusCode,
          s.statusMessage,
          s.events.map((e) => Number(e.timeUnixNano - base)),
          s.serviceName,
          s.resourceAttributes,
          { id: s.host.id, name: s.host.name, ip: s.host.ip, serviceInstanceId: s.host.serviceInstanceId },
        ],
      ]),
    );
    expect(bySpanId(fromServer)).toEqual(expected);
    expect(bySpanId(fromEmbedded)).toEqual(expected);
    expect(fromEmbedded.resources.length).toBe(fromServer.resources.length);
  });

  it('groups spans by the resource key the writer stored, and by the on-the-fly hash for rows stored before it', async () => {
    const { rows } = await serverDb.pool.query<{ missing: number; resources: number }>(
      `SELECT count(*) FILTER (WHERE resource_key IS NULL)::int AS missing, count(DISTINCT resource_key)::int AS resources
       FROM spans WHERE trace_id = decode($1, 'hex')`,
      [traceId],
    );
    expect(rows[0]!.missing).toBe(0);
    const before = await skeletonOf(serverDb, traceId);
    expect(before.resources.length).toBe(rows[0]!.resources);
    // Half of the rows as a database migrated from before the column has them: NULL keys.
    await serverDb.pool.query(`UPDATE spans SET resource_key = NULL WHERE trace_id = decode($1, 'hex') AND get_byte(span_id, 7) % 2 = 0`, [traceId]);
    try {
      const mixed = await skeletonOf(serverDb, traceId);
      expect(mixed.resources.length).toBe(before.resources.length);
      expect(bySpanId(mixed)).toEqual(bySpanId(before));
    } finally {
      await serverDb.pool.query(`UPDATE spans SET resource_key = hashtextextended(service_name, jsonb_hash_extended(resource_attributes, 0)) WHERE resource_key IS NULL`);
    }
  });

  it('a reader that cancels gives the connection back (pool of one)', async () => {
    for (const db of [serverDb, embeddedDb]) {
      const base = await traceStart(db, DEFAULT_TENANT, traceId);
      const reader = streamTraceSkeleton(db, DEFAULT_TENANT, traceId, base!).getReader();
      await reader.read();
      await reader.read();
      await reader.cancel();
      const { rows } = await db.pool.query<{ n: number }>('SELECT 1 AS n');
      expect(rows[0]!.n).toBe(1);
    }
  });
});
