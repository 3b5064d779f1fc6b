import 'server-only';
// Streams one trace as WireTrace or WireSkeleton JSON (lib/domain/waterfall/waterfall-wire.ts) straight from a Postgres
// cursor: Postgres builds each span's JSON tuple (json_build_array escapes every untrusted string), Node only
// interns resources and concatenates text, so 500k spans never exist as JS objects on the server and memory
// stays at one fetch batch. Resources are deduplicated by (service, resource attributes) and listed at the end.
import type { PoolClient } from 'pg';
import type { Database } from '../db/database';
import { hexToBytes } from '../db/id-bytes';
import { hostFromColumns, type HostColumns } from '../spans/host-columns';

const BATCH = 5000;

export type TraceView = 'full' | 'skeleton';

const DECLARE_FULL_SQL = `
DECLARE trace_spans NO SCROLL CURSOR FOR
SELECT service_name, jsonb_hash_extended(resource_attributes, 0)::text AS resource_hash,
  json_build_array(encode(span_id, 'hex'), CASE WHEN parent_span_id IS NULL OR length(parent_span_id) = 0 THEN NULL
    ELSE encode(parent_span_id, 'hex') END, name, kind, start_time_unix_nano::text, end_time_unix_nano::text,
    status_code, status_message, attributes, events, links)::text AS tuple
FROM spans WHERE tenant = $1 AND trace_id = $2 AND start_time_unix_nano >= $3::int8`;

// Relative times are int8 arithmetic in Postgres, emitted as JSON numbers (see WireSkeleton). Both queries
// bound start_time_unix_nano below by the trace's earliest start so day partitions before it are pruned.
const DECLARE_SKELETON_SQL = `
DECLARE trace_spans NO SCROLL CURSOR FOR
SELECT service_name, jsonb_hash_extended(resource_attributes, 0)::text AS resource_hash,
  json_build_array(encode(span_id, 'hex'), CASE WHEN parent_span_id IS NULL OR length(parent_span_id) = 0 THEN NULL
    ELSE encode(parent_span_id, 'hex') END, name, kind, start_time_unix_nano - $3::int8, end_time_unix_nano - $3::int8,
    status_code, status_message,
    CASE WHEN jsonb_array_length(events) = 0 THEN NULL
      ELSE (SELECT json_agg((e->>'timeUnixNano')::int8 - $3::int8) FROM jsonb_array_elements(events) e) END)::text AS tuple
FROM spans WHERE tenant = $1 AND trace_id = $2 AND start_time_unix_nano >= $3::int8`;

// Rows carry a 64-bit hash of the resource instead of its text: printing every span's resource jsonb was a
// third of the query time at 500k spans. Each distinct (service, hash) is looked up once (RESOURCE_SQL).
interface Row {
  service_name: string;
  resource_hash: string;
  tuple: string;
}

const RESOURCE_SQL = `
SELECT resource_attributes::text AS resource, host_id, host_name, host_ip, service_instance_id FROM spans
WHERE tenant = $1 AND trace_id = $2 AND service_name = $3 AND jsonb_hash_extended(resource_attributes, 0) = $4::int8
LIMIT 1`;

interface ResourceRow extends HostColumns {
  resource: string | null;
}

/** The trace's earliest start (unix ns), or null when the trace is unknown. */
export async function traceStart(db: Database, tenant: string, traceId: string): Promise<bigint | null> {
  const result = await db.pool.query<{ start: bigint }>(
    'SELECT start_time_unix_nano AS start FROM trace_summaries WHERE tenant = $1 AND trace_id = $2',
    [tenant, hexToBytes(traceId)],
  );
  return result.rows[0]?.start ?? null;
}

export function streamTraceSpans(db: Database, tenant: string, traceId: string, view: TraceView, base: bigint): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const resources = new Map<string, number>();
  const resourceJson: string[] = [];
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
      if (view === 'skeleton') await c.query(DECLARE_SKELETON_SQL, [tenant, hexToBytes(traceId), base.toString()]);
      else await c.query(DECLARE_FULL_SQL, [tenant, hexToBytes(traceId), base.toString()]);
      controller.enqueue(encoder.encode(`{"traceId":${JSON.stringify(traceId)},"baseUnixNano":"${base}","spans":[`));
    },
    async pull(controller) {
      const c = client;
      if (done || !c) return;
      try {
        const result = await c.query<Row>(`FETCH ${BATCH} FROM trace_spans`);
        const parts: string[] = [];
        for (const row of result.rows) {
          const key = `${row.service_name}\u0000${row.resource_hash}`;
          let index = resources.get(key);
          if (index === undefined) {
            index = resourceJson.length;
            resources.set(key, index);
            const r = (await c.query<ResourceRow>(RESOURCE_SQL, [tenant, hexToBytes(traceId), row.service_name, row.resource_hash])).rows[0];
            const host = hostFromColumns(r ?? { host_id: null, host_name: null, host_ip: null, service_instance_id: null });
            resourceJson.push(`{"serviceName":${JSON.stringify(row.service_name)},"attributes":${r?.resource ?? '{}'},"host":${JSON.stringify(host)}}`);
          }
          parts.push(`${first ? '' : ','}${row.tuple.slice(0, -1)}, ${index}]`);
          first = false;
        }
        if (parts.length > 0) controller.enqueue(encoder.encode(parts.join('')));
        if (result.rows.length < BATCH) {
          done = true;
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
