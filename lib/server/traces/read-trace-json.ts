import 'server-only';
// GET /api/traces/{id} for large traces: the TracePayload as a STREAM of JSON text, without ever holding the
// trace in memory. Postgres renders each span's JSON (json_build_object — it escapes every untrusted string,
// jsonb columns are emitted as-is) and hands it over through a cursor, BATCH rows at a time; Node only interns
// resource/scope texts into indexes and writes text. Because resources and scopes are known only once every
// span was seen, they come after "spans" in the object (key order is irrelevant to JSON readers). Parsing every
// span into objects and stringifying again took ~5 s and ~650 MB RSS for a 100k-span trace on the dev VM; see
// docs/performance.md (Ingest) for this path. Same range-bounded primary-key scan as readTrace. The result is
// exactly the TracePayload shape (lib/domain/model/trace-payload.ts).
import type { TracePayloadResource } from '@/lib/domain/model/trace-payload';
import { hexToBytes } from '../db/id-bytes';
import { transactionStream } from '../db/transaction-stream';
import type pg from 'pg';
import { InternTable, payloadResource } from './intern-table';
import { findTraceSummaryRow, traceSummaryOf } from './trace-summary-row';

interface SpanJsonRow {
  service_name: string;
  resource_text: string;
  scope_text: string;
  /** `{"spanId" : ..., ...}` without resourceIndex/scopeIndex. */
  span: string;
}

const BATCH = 5000;

const SPANS_SQL = `
SELECT service_name, resource_attributes::text AS resource_text, scope::text AS scope_text,
  json_build_object(
    'spanId', encode(span_id, 'hex'),
    'parentSpanId', CASE WHEN parent_span_id IS NULL OR length(parent_span_id) = 0 THEN NULL ELSE encode(parent_span_id, 'hex') END,
    'name', name, 'kind', kind,
    'startTimeUnixNano', start_time_unix_nano::text, 'endTimeUnixNano', end_time_unix_nano::text,
    'statusCode', status_code, 'statusMessage', status_message, 'traceState', trace_state, 'flags', flags,
    'attributes', attributes, 'events', events, 'links', links,
    'droppedAttributesCount', dropped_attributes_count, 'droppedEventsCount', dropped_events_count,
    'droppedLinksCount', dropped_links_count)::text AS span
FROM spans
WHERE trace_id = $1 AND tenant = $2 AND start_time_unix_nano >= $3::int8 AND start_time_unix_nano <= $4::int8
ORDER BY start_time_unix_nano, span_id`;

/** The trace as a stream of UTF-8 JSON, or null when the trace (summary) is unknown. */
export async function streamTraceJson(pool: pg.Pool, tenant: string, traceId: string): Promise<ReadableStream<Uint8Array> | null> {
  const id = hexToBytes(traceId);
  const summary = await findTraceSummaryRow(pool, tenant, traceId);
  if (!summary) return null;
  const encoder = new TextEncoder();
  const resources = new InternTable<TracePayloadResource>();
  const scopes = new InternTable<string>();
  let first = true;
  let fetchedAll = false;
  return transactionStream(pool, {
    async open(client) {
      await client.query(`DECLARE trace_json NO SCROLL CURSOR FOR ${SPANS_SQL}`, [id, tenant, summary.start_time_unix_nano.toString(), summary.end_time_unix_nano.toString()]);
      return encoder.encode(`{"traceId":${JSON.stringify(traceId)},"tenant":${JSON.stringify(tenant)},"summary":${JSON.stringify(traceSummaryOf(traceId, summary))},"spans":[`);
    },
    async next(client) {
      if (fetchedAll) return null;
      const { rows } = await client.query<SpanJsonRow>(`FETCH ${BATCH} FROM trace_json`);
      if (rows.length < BATCH) fetchedAll = true;
      let text = '';
      for (const r of rows) {
        const ri = resources.indexOf(r.resource_text, (text) => payloadResource(r.service_name, text));
        const si = scopes.indexOf(r.scope_text, (text) => text);
        text += `${first ? '' : ','}{"resourceIndex":${ri},"scopeIndex":${si},${r.span.slice(1)}`;
        first = false;
      }
      return encoder.encode(text);
    },
    async close() {
      return encoder.encode(`],"resources":${JSON.stringify(resources.values)},"scopes":[${scopes.values.join(',')}]}`);
    },
  });
}
