import 'server-only';
// Streams one trace as WireTrace JSON (lib/domain/waterfall/waterfall-wire.ts; the first-paint skeleton is
// binary, see stream-trace-skeleton.ts) straight from a Postgres cursor: Postgres builds each span's JSON tuple (json_build_array escapes every untrusted string), Node only
// interns resources and concatenates text, so 500k spans never exist as JS objects on the server and memory
// stays at one fetch batch. Resources are deduplicated (TraceResources) and listed at the end.
import type { PoolClient } from 'pg';
import type { Database } from '../db/database';
import { hexToBytes } from '../db/id-bytes';
import { RESOURCE_KEY_SQL, TraceResources } from './trace-resources';

const BATCH = 5000;

const DECLARE_SQL = `
DECLARE trace_spans NO SCROLL CURSOR FOR
SELECT ${RESOURCE_KEY_SQL}::text AS resource_key, span_id,
  json_build_array(encode(span_id, 'hex'), CASE WHEN parent_span_id IS NULL OR length(parent_span_id) = 0 THEN NULL
    ELSE encode(parent_span_id, 'hex') END, name, kind, start_time_unix_nano::text, end_time_unix_nano::text,
    status_code, status_message, attributes, events, links)::text AS tuple
FROM spans WHERE tenant = $1 AND trace_id = $2 AND start_time_unix_nano >= $3::int8`;

interface Row {
  resource_key: string;
  span_id: Buffer;
  tuple: string;
}

/** The trace's earliest start (unix ns), or null when the trace is unknown. */
export async function traceStart(db: Database, tenant: string, traceId: string): Promise<bigint | null> {
  const result = await db.pool.query<{ start: bigint }>(
    'SELECT start_time_unix_nano AS start FROM trace_summaries WHERE tenant = $1 AND trace_id = $2',
    [tenant, hexToBytes(traceId)],
  );
  return result.rows[0]?.start ?? null;
}

export function streamTraceSpans(db: Database, tenant: string, traceId: string, base: bigint): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const resources = new TraceResources();
  let client: PoolClient | null = null;
  let first = true;
  let done = false;

  const release = async (error?: unknown) => {
    const c: PoolClient | null = client;
    if (!c) return;
    client = null;
    try {
      if (!error) await c.query('COMMIT');
    } finally {
      c.release(error instanceof Error ? error : undefined);
    }
  };

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const c = await db.pool.connect();
      client = c;
      await c.query('BEGIN READ ONLY');
      await c.query(DECLARE_SQL, [tenant, hexToBytes(traceId), base.toString()]);
      controller.enqueue(encoder.encode(`{"traceId":${JSON.stringify(traceId)},"spans":[`));
    },
    async pull(controller) {
      const c = client;
      if (done || !c) return;
      try {
        const result = await c.query<Row>(`FETCH ${BATCH} FROM trace_spans`);
        const parts: string[] = [];
        for (const row of result.rows) {
          const index = resources.indexOfKey(BigInt(row.resource_key), () => row.span_id);
          parts.push(`${first ? '' : ','}${row.tuple.slice(0, -1)}, ${index}]`);
          first = false;
        }
        if (parts.length > 0) controller.enqueue(encoder.encode(parts.join('')));
        if (result.rows.length < BATCH) {
          done = true;
          const resourceJson = await resources.resolve(c, tenant, hexToBytes(traceId), base);
          await release();
          controller.enqueue(encoder.encode(`],"resources":[${resourceJson.join(',')}]}`));
          controller.close();
        }
      } catch (error) {
        done = true;
        await release(error);
        controller.error(error);
      }
    },
    async cancel() {
      done = true;
      await release(new Error('client went away'));
    },
  });
}
