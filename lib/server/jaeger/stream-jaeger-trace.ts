import 'server-only';
// GET /jaeger/api/traces/{id} as a stream: the span rows are read through a cursor, BATCH at a time, each
// batch mapped to Jaeger spans and written out, so memory stays at one batch however large the trace
// (buffering a 500k-span trace took 22 s to the first byte and 2.6 GB). Processes are known only once every
// span was seen, so "processes" follows "spans" (key order is irrelevant to JSON readers). Same range-bounded
// primary-key scan as the trace page's stream (lib/server/traces/read-trace-json.ts).
import type pg from 'pg';
import { JaegerProcessTable, toJaegerSpan } from '@/lib/domain/jaeger/to-jaeger-trace';
import { hexToBytes } from '../db/id-bytes';
import { transactionStream } from '../db/transaction-stream';
import type { SpanTableRow } from '../spans/span-row';
import { findTraceSummaryRow } from '../traces/trace-summary-row';
import { spanRecordOf } from './load-trace-spans';

const BATCH = 2000;

const SPANS_SQL = `SELECT * FROM spans
WHERE trace_id = $1 AND tenant = $2 AND start_time_unix_nano >= $3::int8 AND start_time_unix_nano <= $4::int8
ORDER BY start_time_unix_nano, span_id`;

/** The trace in Jaeger's envelope {data: [trace], total, limit, offset, errors}, or null when unknown. */
export async function streamJaegerTrace(pool: pg.Pool, tenant: string, traceId: string): Promise<ReadableStream<Uint8Array> | null> {
  const summary = await findTraceSummaryRow(pool, tenant, traceId);
  if (!summary) return null;
  const encoder = new TextEncoder();
  const processes = new JaegerProcessTable();
  let first = true;
  let fetchedAll = false;
  return transactionStream(pool, {
    async open(client) {
      await client.query(`DECLARE jaeger_trace NO SCROLL CURSOR FOR ${SPANS_SQL}`, [hexToBytes(traceId), tenant, summary.start_time_unix_nano.toString(), summary.end_time_unix_nano.toString()]);
      return encoder.encode(`{"data":[{"traceID":${JSON.stringify(traceId)},"spans":[`);
    },
    async next(client) {
      if (fetchedAll) return null;
      const { rows } = await client.query<SpanTableRow>(`FETCH ${BATCH} FROM jaeger_trace`);
      if (rows.length < BATCH) fetchedAll = true;
      let text = '';
      for (const row of rows) {
        const span = spanRecordOf(row);
        text += (first ? '' : ',') + JSON.stringify(toJaegerSpan(span, processes.idOf(span)));
        first = false;
      }
      return encoder.encode(text);
    },
    async close() {
      return encoder.encode(`],"processes":${JSON.stringify(processes.processes)},"warnings":null}],"total":1,"limit":0,"offset":0,"errors":null}`);
    },
  });
}
