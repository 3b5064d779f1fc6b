import 'server-only';
// Coarse facts of the original and the replayed trace of a request, read from trace_summaries when a run is
// viewed: the replayed trace arrives after the run, so this is looked up live, never stored. The detailed
// comparison is the trace-comparison page (/compare?a=&b=).
import type { RunRequestResult, TraceFacts } from '@/lib/domain/replay/replay-run';
import type { Queryable } from '../db/queryable';
import { findTraceSummaryRow } from '../traces/trace-summary-row';

export async function traceFacts(db: Queryable, tenant: string, traceId: string | null): Promise<TraceFacts | null> {
  if (!traceId) return null;
  const row = await findTraceSummaryRow(db, tenant, traceId);
  if (!row) return null;
  return { spanCount: Number(row.span_count), errorCount: Number(row.error_count), durationMs: Number(row.end_time_unix_nano - row.start_time_unix_nano) / 1e6, services: row.services };
}

export async function withTraceFacts(db: Queryable, tenant: string, requests: RunRequestResult[]): Promise<RunRequestResult[]> {
  const out: RunRequestResult[] = [];
  for (const r of requests) out.push({ ...r, traces: { original: await traceFacts(db, tenant, r.originalTraceId), replayed: await traceFacts(db, tenant, r.newTraceId) } });
  return out;
}
