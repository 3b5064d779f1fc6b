import 'server-only';
// Pinning a trace (or one of its spans, or a finding about it) stores what the postmortem needs while the
// data still exists: the live trace capped (cap-trace-snapshot.ts), keeping every span this investigation pinned
// in that trace; a trace over the cap is chosen from its light columns before any heavy one is read. Re-pinning refreshes the snapshot (a trace may still have been arriving). When retention has
// already dropped the trace, an earlier snapshot still serves; with neither, the trace is unknown (404).
import { capTraceSnapshot, chooseSnapshotSpans, type CappedSnapshot, type SnapshotCandidate } from '@/lib/domain/investigations/cap-trace-snapshot';
import type { TracePayload } from '@/lib/domain/model/trace-payload';
import { AppError } from '../http/app-error';
import { hexToBytes } from '../db/id-bytes';
import { queryRows, type Queryable } from '../db/queryable';
import { sql } from '../db/sql-template';
import { readTrace } from '../traces/read-trace';
import { findTraceSummaryRow, type TraceSummaryRow } from '../traces/trace-summary-row';

export async function pinTraceSnapshot(db: Queryable, tenant: string, investigationId: string, traceId: string, newPinnedSpanIds: readonly string[], maxSpans: number): Promise<TracePayload> {
  const summary = await findTraceSummaryRow(db, tenant, traceId);
  if (!summary) return earlierSnapshot(db, investigationId, traceId);
  const { rows } = await db.query<{ span_id: string }>(
    `SELECT DISTINCT s AS span_id FROM investigation_items it,
            LATERAL jsonb_array_elements_text(COALESCE(it.payload->'finding'->'spanIds', '[]'::jsonb) || CASE WHEN it.payload ? 'spanId' THEN jsonb_build_array(it.payload->'spanId') ELSE '[]'::jsonb END) AS s
      WHERE it.investigation_id = $1 AND it.trace_id = $2 AND it.deleted_at IS NULL`,
    [investigationId, traceId],
  );
  const pinned = [...newPinnedSpanIds, ...rows.map((r) => r.span_id)];
  const captured = summary.span_count <= maxSpans ? await wholeTrace(db, tenant, traceId, maxSpans, pinned) : await chosenSpans(db, tenant, traceId, summary, maxSpans, pinned);
  if (!captured) return earlierSnapshot(db, investigationId, traceId);
  const { payload, totalSpanCount } = captured;
  await db.query(
    `INSERT INTO investigation_trace_snapshots (investigation_id, trace_id, payload, span_count, total_span_count)
     VALUES ($1, $2, $3::jsonb, $4, $5)
     ON CONFLICT (investigation_id, trace_id) DO UPDATE
       SET payload = EXCLUDED.payload, span_count = EXCLUDED.span_count, total_span_count = EXCLUDED.total_span_count, captured_at = now()`,
    [investigationId, traceId, JSON.stringify(payload), payload.spans.length, totalSpanCount],
  );
  return payload;
}

async function earlierSnapshot(db: Queryable, investigationId: string, traceId: string): Promise<TracePayload> {
  const earlier = await readSnapshot(db, investigationId, traceId);
  if (!earlier) throw new AppError('not_found', `Trace ${traceId} not found.`);
  return earlier;
}

async function wholeTrace(db: Queryable, tenant: string, traceId: string, maxSpans: number, pinned: string[]): Promise<CappedSnapshot | null> {
  const live = await readTrace(db, tenant, traceId);
  return live ? capTraceSnapshot(live, maxSpans, pinned) : null;
}

/** A trace larger than the cap: choose from the light columns of every span, then read only the chosen ones in
 * full, so pinning a 500k-span trace never holds all its attributes in memory. */
async function chosenSpans(db: Queryable, tenant: string, traceId: string, summary: TraceSummaryRow, maxSpans: number, pinned: string[]): Promise<CappedSnapshot | null> {
  const candidates = await queryRows<SnapshotCandidate>(
    db,
    sql`SELECT encode(span_id, 'hex') AS "spanId", encode(parent_span_id, 'hex') AS "parentSpanId", status_code AS "statusCode"
          FROM spans
         WHERE trace_id = ${hexToBytes(traceId)} AND tenant = ${tenant}
           AND start_time_unix_nano >= ${summary.start_time_unix_nano.toString()}::int8
           AND start_time_unix_nano <= ${summary.end_time_unix_nano.toString()}::int8
         ORDER BY start_time_unix_nano, span_id`,
  );
  const keep = chooseSnapshotSpans(candidates, maxSpans, pinned);
  const payload = await readTrace(db, tenant, traceId, { spanIds: [...keep] });
  return payload ? { payload, totalSpanCount: candidates.length } : null;
}

export async function readSnapshot(db: Queryable, investigationId: string, traceId: string): Promise<TracePayload | null> {
  const { rows } = await db.query<{ payload: TracePayload }>(`SELECT payload FROM investigation_trace_snapshots WHERE investigation_id = $1 AND trace_id = $2`, [investigationId, traceId]);
  return rows[0]?.payload ?? null;
}
