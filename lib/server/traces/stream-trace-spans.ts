import 'server-only';
// Streams one trace as WireTrace JSON (lib/domain/waterfall/waterfall-wire.ts; the first-paint skeleton is
// binary, see stream-trace-skeleton.ts) straight from a Postgres cursor: Postgres builds each span's JSON tuple (json_build_array escapes every untrusted string), Node only
// interns resources and concatenates text, so 500k spans never exist as JS objects on the server and memory
// stays at one fetch batch. Resources are deduplicated (TraceResources) and listed at the end.
import type { Database } from '../db/database';
import { hexToBytes } from '../db/id-bytes';
import { transactionStream } from '../db/transaction-stream';
import { RESOURCE_KEY_SQL } from '../spans/resource-key-sql';
import { TraceResources } from './trace-resources';

const BATCH = 5000;

const DECLARE_SQL = `
DECLARE trace_spans NO SCROLL CURSOR FOR
SELECT ${RESOURCE_KEY_SQL}::text AS resource_key, span_id,
  json_build_array(encode(span_id, 'hex'), CASE WHEN parent_span_id IS NULL OR length(parent_span_id) = 0 THEN NULL
    ELSE encode(parent_span_id, 'hex') END, name, kind, start_time_unix_nano::text, end_time_unix_nano::text,
    status_code, status_message, attributes, events, links)::text AS tuple
FROM spans WHERE tenant = $1 AND trace_id = $2 AND start_time_unix_nano >= $3::int8`;

// Details on demand (the trace page's detail panel, API users): a primary-key lookup of the given span ids.
const SPAN_IDS_SQL = ` AND span_id = ANY($4::bytea[])`;

/** The most span ids one request may ask for (?ids=): details are for a handful of spans, not a bulk export. */
export const MAX_SPAN_IDS = 100;

interface Row {
  resource_key: string;
  span_id: Buffer;
  tuple: string;
}

/** The trace's earliest start (unix ns), or null when the trace is unknown. */
export async function traceStart(db: Database, tenant: string, traceId: string): Promise<bigint | null> {
  const result = await db.pool.query<{ start: bigint }>('SELECT start_time_unix_nano AS start FROM trace_summaries WHERE tenant = $1 AND trace_id = $2', [tenant, hexToBytes(traceId)]);
  return result.rows[0]?.start ?? null;
}

/** `spanIds` (hex, at most MAX_SPAN_IDS): only those spans, in no particular order; ids the trace lacks are left out. */
export function streamTraceSpans(db: Database, tenant: string, traceId: string, base: bigint, spanIds?: readonly string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const resources = new TraceResources();
  let first = true;
  let fetchedAll = false;
  return transactionStream(db.pool, {
    async open(client) {
      const params: unknown[] = [tenant, hexToBytes(traceId), base.toString()];
      if (spanIds) params.push(spanIds.map(hexToBytes));
      await client.query(spanIds ? DECLARE_SQL + SPAN_IDS_SQL : DECLARE_SQL, params);
      return encoder.encode(`{"traceId":${JSON.stringify(traceId)},"spans":[`);
    },
    async next(client) {
      if (fetchedAll) return null;
      const { rows } = await client.query<Row>(`FETCH ${BATCH} FROM trace_spans`);
      if (rows.length < BATCH) fetchedAll = true;
      const parts: string[] = [];
      for (const row of rows) {
        const index = resources.indexOfKey(BigInt(row.resource_key), () => row.span_id);
        parts.push(`${first ? '' : ','}${row.tuple.slice(0, -1)}, ${index}]`);
        first = false;
      }
      return encoder.encode(parts.join(''));
    },
    async close(client) {
      const resourceJson = await resources.resolve(client, tenant, hexToBytes(traceId), base);
      return encoder.encode(`],"resources":[${resourceJson.join(',')}]}`);
    },
  });
}
