import 'server-only';
// One trace's summary row (kept current by the span writer), or null when the trace is unknown.
import type { TraceSummary } from '@/lib/domain/model/trace-summary';
import type { Database } from '../db/database';
import { hexToBytes } from '../db/id-bytes';
import { queryRows } from '../db/queryable';
import { sql } from '../db/sql-template';

interface Row {
  root_service_name: string | null;
  root_span_name: string | null;
  start_time_unix_nano: bigint;
  end_time_unix_nano: bigint;
  span_count: number;
  error_count: number;
  services: string[];
}

export async function findTraceSummary(db: Database, tenant: string, traceId: string): Promise<TraceSummary | null> {
  const rows = await queryRows<Row>(db.pool, sql`
    SELECT root_service_name, root_span_name, start_time_unix_nano, end_time_unix_nano, span_count, error_count, services
    FROM trace_summaries WHERE tenant = ${tenant} AND trace_id = ${hexToBytes(traceId)}`);
  const row = rows[0];
  if (!row) return null;
  return {
    traceId,
    rootService: row.root_service_name,
    rootName: row.root_span_name,
    startUnixNano: row.start_time_unix_nano.toString(),
    durationNs: (row.end_time_unix_nano - row.start_time_unix_nano).toString(),
    spanCount: row.span_count,
    errorCount: row.error_count,
    services: row.services,
  };
}
