import 'server-only';
// An investigation with its timeline (items in the order they were pinned), its trace snapshots, and the
// summaries of every trace the evidence and the notes mention: from the live data, or from the snapshot once
// retention has dropped the trace. Notes link traces as /traces/{id}; those links are resolved here so the
// page can show what each link points at.
import type { InvestigationDetail, SnapshotInfo } from '@/lib/domain/investigations/investigation';
import { traceIdsInText } from '@/lib/domain/investigations/trace-links';
import type { TraceSummary } from '@/lib/domain/model/trace-summary';
import { hexToBytes } from '../db/id-bytes';
import type { Queryable } from '../db/queryable';
import { getInvestigation } from './get-investigation';
import { listItems } from './list-items';
import { traceSummaryOf, type TraceSummaryRow } from '../traces/trace-summary-row';

const MAX_RESOLVED_TRACES = 200;

export async function getInvestigationDetail(db: Queryable, tenant: string, id: string): Promise<InvestigationDetail> {
  const investigation = await getInvestigation(db, tenant, id);
  const items = await listItems(db, id, null);
  const { rows: snapshotRows } = await db.query<{ trace_id: string; span_count: number; total_span_count: number; captured_at: Date; summary: TraceSummary }>(
    `SELECT trace_id, span_count, total_span_count, captured_at, payload->'summary' AS summary
       FROM investigation_trace_snapshots WHERE investigation_id = $1 ORDER BY trace_id`,
    [id],
  );
  const snapshots: SnapshotInfo[] = snapshotRows.map((r) => ({ traceId: r.trace_id, spanCount: r.span_count, totalSpanCount: r.total_span_count, capturedAt: r.captured_at.toISOString() }));

  const mentioned = new Set<string>();
  for (const item of items) {
    if (item.traceId) mentioned.add(item.traceId);
    if (Array.isArray(item.payload.traceIds)) for (const t of item.payload.traceIds) if (typeof t === 'string') mentioned.add(t);
    if (item.kind === 'note' && typeof item.payload.body === 'string') for (const t of traceIdsInText(item.payload.body)) mentioned.add(t);
  }
  const wanted = [...mentioned].slice(0, MAX_RESOLVED_TRACES);
  const traces: Record<string, TraceSummary> = {};
  for (const r of snapshotRows) if (wanted.includes(r.trace_id)) traces[r.trace_id] = r.summary;
  if (wanted.length > 0) {
    const { rows } = await db.query<TraceSummaryRow & { trace_hex: string }>(
      `SELECT encode(trace_id, 'hex') AS trace_hex, root_service_name, root_span_name, start_time_unix_nano, end_time_unix_nano, span_count, error_count, services
         FROM trace_summaries WHERE tenant = $1 AND trace_id = ANY ($2::bytea[])`,
      [tenant, wanted.map(hexToBytes)],
    );
    for (const r of rows) traces[r.trace_hex] = traceSummaryOf(r.trace_hex, r);
  }
  return { ...investigation, items, snapshots, traces };
}
