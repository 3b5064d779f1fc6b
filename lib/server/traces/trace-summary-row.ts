import 'server-only';
// The trace_summaries row of one trace (kept current by the span writer) and its TraceSummary wire shape.
// The raw row keeps start/end as bigint: readers bound their span queries by that range so the planner
// prunes to the day partitions the trace touches.
import type { TraceSummary } from '@/lib/domain/model/trace-summary';
import { hexToBytes } from '../db/id-bytes';
import { queryRows, type Queryable } from '../db/queryable';
import { sql } from '../db/sql-template';

export interface TraceSummaryRow {
  root_service_name: string | null;
  root_span_name: string | null;
  start_time_unix_nano: bigint;
  end_time_unix_nano: bigint;
  span_count: number;
  error_count: number;
  services: string[];
  likely_cause_type: string | null;
  likely_cause_service: string | null;
  likely_cause_summary: string | null;
  likely_cause_span_id: string | null;
  finding_types: string[] | null;
}

/** The summary row, or undefined when the trace is unknown for this tenant. */
export async function findTraceSummaryRow(db: Queryable, tenant: string, traceId: string): Promise<TraceSummaryRow | undefined> {
  const [row] = await queryRows<TraceSummaryRow>(
    db,
    sql`SELECT root_service_name, root_span_name, start_time_unix_nano, end_time_unix_nano, span_count, error_count, services,
               likely_cause_type, likely_cause_service, likely_cause_summary, likely_cause_span_id, finding_types
          FROM trace_summaries WHERE trace_id = ${hexToBytes(traceId)} AND tenant = ${tenant}`,
  );
  return row;
}

export function traceSummaryOf(traceId: string, row: TraceSummaryRow): TraceSummary {
  return {
    traceId,
    rootService: row.root_service_name,
    rootName: row.root_span_name,
    startUnixNano: row.start_time_unix_nano.toString(),
    durationNs: (row.end_time_unix_nano - row.start_time_unix_nano).toString(),
    spanCount: row.span_count,
    errorCount: row.error_count,
    services: row.services,
    ...(row.finding_types
      ? {
          diagnosis: {
            likelyCause: row.likely_cause_type
              ? { type: row.likely_cause_type, service: row.likely_cause_service ?? '', spanId: row.likely_cause_span_id ?? '', summary: row.likely_cause_summary ?? '' }
              : null,
            findingTypes: row.finding_types,
          },
        }
      : {}),
  };
}
