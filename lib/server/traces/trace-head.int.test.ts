// The server-rendered preview's rows (traceHead) against the real waterfall order, on real PostgreSQL and on
// embedded PGlite (the index migration must apply on both). Two references:
// - the worker's own path: the skeleton the server streams, built by buildWaterfall, for traces whose starts
//   are all distinct (there the order is fully defined by start, so skeleton order cannot matter);
// - buildTraceTree over the spans sorted by (start, span id), for every trace: the domain breaks ties on start
//   by input index, the head by span id, so sorting the input by span id pins ties to the head's rule.
// Rows compare by span id and depth; the head is the prefix of the true roots' rows (orphans come after).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TENANT, type SpanRecord } from '@/lib/domain/model/span';
import { buildWaterfall } from '@/lib/domain/waterfall/build-waterfall';
import { decodeSkeleton } from '@/lib/domain/waterfall/skeleton-binary';
import { spanIdAt } from '@/lib/domain/waterfall/skeleton-columns';
import { buildTraceTree, type TraceTree } from '@/lib/domain/waterfall/trace-tree';
import { openDatabase, type Database } from '@/lib/server/db/database';
import { writeSpans } from '@/lib/server/spans/write-spans';
import { generateTrace } from '@/test/support/generate-trace';
import { makeSpan } from '@/test/support/make-span';
import { seededRandom } from '@/test/support/seeded-random';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { streamTraceSkeleton } from './stream-trace-skeleton';
import { traceStart } from './stream-trace-spans';
import { traceHead } from './trace-head';

const START = (BigInt(Date.now()) - 3_600_000n) * 1_000_000n;
const MS = 1_000_000n;

const traceIdOf = (k: number) => `7ead${k.toString(16).padStart(28, '0')}`;
/** Span ids whose hex order differs from creation order, so "by span id" is not "by insertion". */
const spanIdOf = (k: number) => `${((((k + 1) * 2_654_435_761) % 0xffffffff) >>> 0).toString(16).padStart(8, '0')}${(k + 1).toString(16).padStart(8, '0')}`;

function span(trace: number, id: number, parent: string | null, startMs: number, durMs = 5, extra: Partial<SpanRecord> = {}): SpanRecord {
  const start = START + BigInt(startMs) * MS;
  return makeSpan({
    traceId: traceIdOf(trace),
    spanId: spanIdOf(id),
    parentSpanId: parent,
    name: `op ${id}`,
    serviceName: `svc-${id % 5}`,
    startTimeUnixNano: start,
    endTimeUnixNano: start + BigInt(durMs) * MS,
    ...extra,
  });
}

/**
 * deep chain: 0 → 1 → 2 → … → 199 (every span the only child of the previous)
 */
function deepChain(t: number): SpanRecord[] {
  return Array.from({ length: 200 }, (_, k) => span(t, k, k === 0 ? null : spanIdOf(k - 1), k, 400 - k));
}

/**
 * wide fan-out: root 0 with 500 children at shuffled distinct starts, the first few with children of their own
 *   0 ─┬─ c1 ─┬─ g
 *      │      └─ g
 *      ├─ c2
 *      └─ … (500)
 */
function wideFanOut(t: number): SpanRecord[] {
  const rnd = seededRandom(t);
  const starts = Array.from({ length: 500 }, (_, k) => k + 1).sort(() => rnd() - 0.5);
  const out = [span(t, 0, null, 0, 2_000)];
  starts.forEach((s, k) => out.push(span(t, k + 1, spanIdOf(0), s * 2)));
  for (let k = 0; k < 20; k++) out.push(span(t, 1_000 + k, spanIdOf(1 + (k % 4)), starts[k % 4]! * 2 + 1));
  return out;
}

/**
 * several roots, with orphans under a missing parent (they come after every true root's subtree):
 *   r0 (start 30) ── 3 children        missing ── o1, o2 (start 0: earlier than every root)
 *   r1 (start 10, parent stored as empty bytes) ── 3 children
 *   r2 (start 20) ── 3 children
 */
function severalRoots(t: number): SpanRecord[] {
  const out: SpanRecord[] = [];
  [30, 10, 20].forEach((s, r) => {
    out.push(span(t, r * 10, r === 1 ? '' : null, s, 50));
    for (let c = 1; c <= 3; c++) out.push(span(t, r * 10 + c, spanIdOf(r * 10), s + 4 - c));
  });
  out.push(span(t, 90, 'feedfacefeedface', 0), span(t, 91, 'feedfacefeedface', 1));
  return out;
}

/**
 * equal starts: root 0 with 40 children all starting at 5 ms, each with 2 grandchildren also at 5 ms:
 * only the span id orders siblings.
 */
function equalStarts(t: number): SpanRecord[] {
  const out = [span(t, 0, null, 5, 100)];
  for (let c = 1; c <= 40; c++) {
    out.push(span(t, c, spanIdOf(0), 5));
    out.push(span(t, 100 + c, spanIdOf(c), 5), span(t, 200 + c, spanIdOf(c), 5));
  }
  return out;
}

/** A realistic generated trace (parallel and sequential children, many services), its own trace id. */
function generated(t: number): SpanRecord[] {
  return generateTrace(3_000, 11, 0, 12, START).spans.map((s) => ({ ...s, traceId: traceIdOf(t) }));
}

const FIXTURES: { name: string; spans: SpanRecord[]; distinctStarts: boolean }[] = [
  { name: 'deep chain', spans: deepChain(1), distinctStarts: true },
  { name: 'wide fan-out', spans: wideFanOut(2), distinctStarts: true },
  { name: 'several roots and orphans', spans: severalRoots(3), distinctStarts: false },
  { name: 'equal starts', spans: equalStarts(4), distinctStarts: false },
  { name: 'generated', spans: generated(5), distinctStarts: false },
];
const ORPHANS_ONLY = [span(6, 1, 'feedfacefeedface', 0), span(6, 2, spanIdOf(1), 1)];

type Row = [spanId: string, depth: number];

/** The first rows of the tree's display order that belong to true roots' subtrees. */
function trueRootRows(tree: TraceTree, spanIdAtNode: (node: number) => string, rows: number): Row[] {
  const out: Row[] = [];
  for (let pos = 0; pos < tree.nodeCount && out.length < rows; pos++) {
    const node = tree.order[pos]!;
    if (tree.depth[pos] === 0 && (node >= tree.spanCount || tree.parent[node] !== -1)) break;
    out.push([spanIdAtNode(node), tree.depth[pos]!]);
  }
  return out;
}

/** Reference 1: the domain tree over the spans sorted by (start, span id), so ties follow the head's rule. */
function domainRows(spans: SpanRecord[], rows: number): Row[] {
  const sorted = [...spans].sort((a, b) => (a.startTimeUnixNano < b.startTimeUnixNano ? -1 : a.startTimeUnixNano > b.startTimeUnixNano ? 1 : a.spanId < b.spanId ? -1 : 1));
  const tree = buildTraceTree({
    spanIds: sorted.map((s) => s.spanId),
    parentSpanIds: sorted.map((s) => s.parentSpanId),
    start: Float64Array.from(sorted, (s) => Number(s.startTimeUnixNano - START)),
  });
  return trueRootRows(tree, (node) => sorted[node]!.spanId, rows);
}

/** Reference 2: what the page's worker shows, from the skeleton the server streams. */
async function waterfallRows(db: Database, traceId: string, rows: number): Promise<Row[]> {
  const base = await traceStart(db, DEFAULT_TENANT, traceId);
  const reader = streamTraceSkeleton(db, DEFAULT_TENANT, traceId, base!).getReader();
  const chunks: Uint8Array[] = [];
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
  const skeleton = decodeSkeleton(Buffer.concat(chunks));
  const { tree } = buildWaterfall(skeleton, null).data;
  return trueRootRows(tree, (node) => spanIdAt(skeleton, node), rows);
}

describe('traceHead', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tracehound-head-'));
  let server: TestDatabase;
  const dbs: { kind: string; db: Database }[] = [];

  beforeAll(async () => {
    server = await createTestDatabase('th_head');
    dbs.push({ kind: 'server', db: await openDatabase({ DATABASE_URL: server.url, TRACEHOUND_DATA_DIR: dataDir, DB_POOL_SIZE: 1 }) });
    dbs.push({ kind: 'embedded', db: await openDatabase({ DATABASE_URL: undefined, TRACEHOUND_DATA_DIR: dataDir, DB_POOL_SIZE: 1 }) });
    for (const { db } of dbs) {
      for (const f of FIXTURES) await writeSpans(db.pool, f.spans);
      await writeSpans(db.pool, ORPHANS_ONLY);
    }
  }, 120_000);

  afterAll(async () => {
    for (const { db } of dbs) await db.close();
    await server?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the index exists on both databases', async () => {
    for (const { db } of dbs) {
      const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'spans_trace_parent_start_idx'`);
      expect(rows[0]!.n).toBe(1);
    }
  });

  for (const f of FIXTURES) {
    it(`${f.name}: the head is the waterfall's first rows, by span id and depth`, async () => {
      const traceId = f.spans[0]!.traceId;
      for (const { kind, db } of dbs) {
        for (const rows of [1, 7, 60]) {
          const head = await traceHead(db, DEFAULT_TENANT, traceId, rows);
          const got = head!.rows.map((r): Row => [r.spanId, r.depth]);
          const expected = domainRows(f.spans, rows);
          expect(got, `${kind}, ${rows} rows`).toEqual(expected);
          if (f.distinctStarts) expect(got, `${kind}, ${rows} rows, worker path`).toEqual(await waterfallRows(db, traceId, rows));
        }
      }
    });
  }

  it('rows carry names, services and times relative to the trace start; the scale is the summary range', async () => {
    const f = FIXTURES[2]!;
    const head = (await traceHead(dbs[0]!.db, DEFAULT_TENANT, f.spans[0]!.traceId))!;
    // Orphans start at 0 ms (the trace's start); the first root r1 at 10 ms, stored with an empty parent.
    expect(head.startUnixNano).toBe(START.toString());
    expect(head.rows).toHaveLength(12);
    expect(head.rows[0]).toMatchObject({ spanId: spanIdOf(10), parentSpanId: null, name: 'op 10', serviceName: 'svc-0', startNs: String(10n * MS), endNs: String(60n * MS) });
    expect(head.rows[1]).toMatchObject({ parentSpanId: spanIdOf(10), depth: 1 });
    expect(BigInt(head.durationNs)).toBe(80n * MS);
  });

  it('a trace without a true root, or unknown, has no head', async () => {
    for (const { db } of dbs) {
      expect(await traceHead(db, DEFAULT_TENANT, ORPHANS_ONLY[0]!.traceId)).toBeNull();
      expect(await traceHead(db, DEFAULT_TENANT, traceIdOf(99))).toBeNull();
      expect(await traceHead(db, 'other-tenant', FIXTURES[0]!.spans[0]!.traceId)).toBeNull();
    }
  });

  it('each children step is an ordered index scan (no sort), and the walk runs at most rows + 2 queries', async () => {
    const db = dbs[0]!.db;
    await db.pool.query('ANALYZE spans');
    const traceId = FIXTURES[1]!.spans[0]!.traceId;
    const { rows } = await db.pool.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT span_id FROM spans WHERE trace_id = decode($1, 'hex') AND tenant = $2 AND parent_span_id = decode($3, 'hex')
         ORDER BY start_time_unix_nano, span_id LIMIT 5`,
      [traceId, DEFAULT_TENANT, spanIdOf(0)],
    );
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    // Partitions name their copy of the index after its columns.
    expect(plan).toMatch(/Index (Only )?Scan using \S*parent_span_id_start\S*/);
    expect(plan).not.toMatch(/Sort|Seq Scan/);
    for (const f of [FIXTURES[0]!, FIXTURES[1]!]) {
      let queries = 0;
      const counted = <T extends object>(target: T): T =>
        new Proxy(target, {
          get(t, key) {
            const value = Reflect.get(t, key, t) as unknown;
            if (key === 'query') return (...args: unknown[]) => (queries++, (value as (...a: unknown[]) => unknown).apply(t, args));
            if (key === 'connect') return async () => counted(await (value as () => Promise<object>).apply(t));
            return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
          },
        });
      const head = await traceHead({ ...db, pool: counted(db.pool) }, DEFAULT_TENANT, f.spans[0]!.traceId, 60);
      expect(head!.rows).toHaveLength(60);
      expect(queries).toBeLessThanOrEqual(62);
    }
  });
});
