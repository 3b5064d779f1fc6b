import 'server-only';
// One trace's summary row (kept current by the span writer), or null when the trace is unknown.
import type { TraceSummary } from '@/lib/domain/model/trace-summary';
import type { Database } from '../db/database';
import { findTraceSummaryRow, traceSummaryOf } from './trace-summary-row';

export async function findTraceSummary(db: Database, tenant: string, traceId: string): Promise<TraceSummary | null> {
  const row = await findTraceSummaryRow(db.pool, tenant, traceId);
  return row ? traceSummaryOf(traceId, row) : null;
}
