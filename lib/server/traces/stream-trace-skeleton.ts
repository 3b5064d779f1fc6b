import 'server-only';
// Streams GET /api/traces/{traceId}/spans?view=skeleton in the binary format of
// lib/domain/waterfall/skeleton-binary.ts: the rows the trace page needs for its first paint.
// On a PostgreSQL server the rows come from one binary COPY: Postgres keeps producing while Node forwards the
// previous chunk (a cursor's FETCH round trips left each side idle half of the time). The embedded PGlite
// socket cannot COPY, so there a cursor of text columns is re-encoded into the same bytes.
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { COPY_HEADER_LENGTH, COPY_SIGNATURE } from '@/lib/domain/waterfall/skeleton-binary';
import { supportsCopy } from '../db/copy-support';
import type { Database } from '../db/database';
import { hexToBytes } from '../db/id-bytes';
import { transactionStream } from '../db/transaction-stream';
import { SkeletonCopyRows } from './skeleton-copy-rows';
import { SkeletonRowWriter, type SkeletonTextRow } from './skeleton-row-writer';
import { RESOURCE_KEY_SQL } from '../spans/resource-key-sql';
import { TraceResources } from './trace-resources';

// COPY takes no bind parameters, so the request's values travel as transaction-local settings (set_config
// with bound parameters) instead of being spliced into the SQL. They are read once, in a one-row subquery the
// spans are joined to (OFFSET 0 keeps the planner from pulling it up): current_setting() in the WHERE clause
// itself was evaluated for every row a scan looked at, ~0.35 s of the 0.9 s COPY of a 500k-span trace. The lower
// bound on start_time_unix_nano (the trace's earliest start) lets Postgres skip the day partitions before the
// trace (run-time pruning, the bound being a parameter of the join).
const ROWS_SQL = `
SELECT ${RESOURCE_KEY_SQL} AS resource_key, span_id,
  CASE WHEN length(parent_span_id) > 0 THEN parent_span_id END AS parent_span_id,
  name, kind, start_time_unix_nano - b.base AS start_rel, end_time_unix_nano - b.base AS end_rel,
  status_code, status_message,
  CASE WHEN jsonb_array_length(events) > 0
    THEN ARRAY(SELECT (e->>'timeUnixNano')::int8 - b.base FROM jsonb_array_elements(events) e) END AS event_times
FROM (SELECT current_setting('tracehound.tenant') AS tenant, decode(current_setting('tracehound.trace_id'), 'hex') AS trace_id,
             current_setting('tracehound.base')::int8 AS base OFFSET 0) b
JOIN spans ON spans.tenant = b.tenant AND spans.trace_id = b.trace_id AND spans.start_time_unix_nano >= b.base`;

const SETTINGS_SQL = `SELECT set_config('tracehound.tenant', $1, true), set_config('tracehound.trace_id', $2, true),
  set_config('tracehound.base', $3, true)`;

const COPY_SQL = `COPY (${ROWS_SQL}) TO STDOUT (FORMAT binary)`;

const DECLARE_SQL = `DECLARE trace_skeleton NO SCROLL CURSOR FOR
SELECT resource_key::text AS resource_key, encode(span_id, 'hex') AS span_id, encode(parent_span_id, 'hex') AS parent_span_id,
  name, kind, start_rel::text AS start_rel, end_rel::text AS end_rel, status_code, status_message, event_times::text AS event_times
FROM (${ROWS_SQL}) r`;

const FETCH_ROWS = 5000;
const ENQUEUE_BYTES = 1 << 20;
const END_OF_ROWS = Buffer.from([0xff, 0xff]);

type CursorRow = Omit<SkeletonTextRow, 'resource_index'> & { resource_key: string };

/** Yields row bytes until null (all rows sent). */
type RowSource = () => Promise<Buffer | null>;

function copyRows(client: PoolClient, resources: TraceResources): RowSource {
  const rows = new SkeletonCopyRows(resources);
  const chunks = (client.query(copyTo(COPY_SQL)) as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  return async () => {
    const next = await chunks.next();
    if (next.done) {
      if (!rows.ended) throw new Error('binary COPY of the trace ended without its end-of-rows marker');
      return null;
    }
    return rows.push(next.value);
  };
}

function cursorRows(client: PoolClient, resources: TraceResources): RowSource {
  const writer = new SkeletonRowWriter();
  let declared = false;
  let done = false;
  return async () => {
    if (done) return null;
    if (!declared) {
      await client.query(DECLARE_SQL);
      declared = true;
    }
    const { rows } = await client.query<CursorRow>(`FETCH ${FETCH_ROWS} FROM trace_skeleton`);
    for (const row of rows) {
      const resource_index = resources.indexOfKey(BigInt(row.resource_key), () => hexToBytes(row.span_id));
      writer.write({ ...row, resource_index });
    }
    if (rows.length < FETCH_ROWS) done = true;
    return writer.take();
  };
}

export function streamTraceSkeleton(db: Database, tenant: string, traceId: string, base: bigint): ReadableStream<Uint8Array> {
  const resources = new TraceResources();
  let nextRows: RowSource | null = null;
  return transactionStream(db.pool, {
    async open(client) {
      await client.query(SETTINGS_SQL, [tenant, traceId, base.toString()]);
      nextRows = supportsCopy(db.pool) ? copyRows(client, resources) : cursorRows(client, resources);
      const header = Buffer.alloc(COPY_HEADER_LENGTH);
      header.set(COPY_SIGNATURE);
      return header;
    },
    // COPY hands over socket-sized chunks (~8 KB): 7,000 of them for 500k spans, each one a task for the HTTP
    // layer. Sending ~1 MB at a time keeps that per-chunk work small.
    async next() {
      const batch: Buffer[] = [];
      let size = 0;
      let rows: Buffer | null = null;
      while (size < ENQUEUE_BYTES && (rows = await nextRows!()) !== null) {
        batch.push(rows);
        size += rows.length;
      }
      // The loop stops at ENQUEUE_BYTES or at the end of the rows: nothing read means the rows are done.
      if (size === 0) return null;
      return batch.length === 1 ? batch[0]! : Buffer.concat(batch, size);
    },
    async close(client) {
      const resourceJson = await resources.resolve(client, tenant, hexToBytes(traceId), base);
      const trailer = `{"traceId":${JSON.stringify(traceId)},"baseUnixNano":"${base}","resources":[${resourceJson.join(',')}]}`;
      return Buffer.concat([END_OF_ROWS, Buffer.from(trailer, 'utf8')]);
    },
  });
}
