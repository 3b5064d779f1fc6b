import 'server-only';
// Pinning a trace (or one of its spans, or a finding about it) stores what the postmortem needs while the
// data still exists: the live trace capped by capTraceSnapshot, keeping every span this investigation pinned
// in that trace. Re-pinning refreshes the snapshot (a trace may still have been arriving). When retention has
// already dropped the trace, an earlier snapshot still serves; with neither, the trace is unknown (404).
import { capTraceSnapshot } from '@/lib/domain/investigations/cap-trace-snapshot';
import type { TracePayload } from '@/lib/domain/model/trace-payload';
import { AppError } from '../http/app-error';
import type { Queryable } from '../db/queryable';
import { readTrace } from '../traces/read-trace';

export async function pinTraceSnapshot(
  db: Queryable,
  tenant: string,
  investigationId: string,
  traceId: string,
  newPinnedSpanIds: readonly string[],
  maxSpans: number,
): Promise<TracePayload> {
  const live = await readTrace(db, tenant, traceId);
  if (!live) {
    const earlier = await readSnapshot(db, investigationId, traceId);
    if (!earlier) throw new AppError('not_found', `Trace ${traceId} not found.`);
    return earlier;
  }
  const { rows } = await db.query<{ span_id: string }>(
    `SELECT DISTINCT s AS span_id FROM investigation_items it,
            LATERAL jsonb_array_elements_text(COALESCE(it.payload->'finding'->'spanIds', '[]'::jsonb) || CASE WHEN it.payload ? 'spanId' THEN jsonb_build_array(it.payload->'spanId') ELSE '[]'::jsonb END) AS s
      WHERE it.investigation_id = $1 AND it.trace_id = $2 AND it.deleted_at IS NULL`,
    [investigationId, traceId],
  );
  const pinned = [...newPinnedSpanIds, ...rows.map((r) => r.span_id)];
  const { payload, totalSpanCount } = capTraceSnapshot(live, maxSpans, pinned);
  await db.query(
    `INSERT INTO investigation_trace_snapshots (investigation_id, trace_id, payload, span_count, total_span_count)
     VALUES ($1, $2, $3::jsonb, $4, $5)
     ON CONFLICT (investigation_id, trace_id) DO UPDATE
       SET payload = EXCLUDED.payload, span_count = EXCLUDED.span_count, total_span_count = EXCLUDED.total_span_count, captured_at = now()`,
    [investigationId, traceId, JSON.stringify(payload), payload.spans.length, totalSpanCount],
  );
  return payload;
}

export async function readSnapshot(db: Queryable, investigationId: string, traceId: string): Promise<TracePayload | null> {
  const { rows } = await db.query<{ payload: TracePayload }>(
    `SELECT payload FROM investigation_trace_snapshots WHERE investigation_id = $1 AND trace_id = $2`,
    [investigationId, traceId],
  );
  return rows[0]?.payload ?? null;
}
