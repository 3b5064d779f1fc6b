import 'server-only';
// Jaeger v3 trace summaries (GET /jaeger/api/v3/trace-summaries): the traces the search matches, each with its
// root, time range, span/error/orphan counts and per-service span counts, in the field names of Jaeger's
// jaeger.api_v3.TraceSummary (proto3 JSON: int64 times as decimal strings). Counts per service come from one
// grouped scan of the matched traces' spans, bounded by each trace's time range.
import { jaegerSearchToTraceQL } from '@/lib/domain/jaeger/jaeger-query';
import { StatusCode } from '@/lib/domain/model/span';
import { bytesToHex, hexToBytes } from '../db/id-bytes';
import { queryRows, type Queryable } from '../db/queryable';
import { sql } from '../db/sql-template';
import { searchSpansets } from '../search/search-traces';
import type { JaegerTraceQuery } from './jaeger-params';

export interface JaegerV3ServiceSummary {
  name: string;
  spanCount: number;
  errorSpanCount: number;
}

export interface JaegerV3TraceSummary {
  traceId: string;
  /** Older v3 clients read this spelling. */
  traceID: string;
  rootServiceName: string;
  rootOperationName: string;
  minStartTimeUnixNano: string;
  maxEndTimeUnixNano: string;
  spanCount: number;
  errorSpanCount: number;
  orphanSpanCount: number;
  services: JaegerV3ServiceSummary[];
}

interface CountRow {
  trace_id: Buffer;
  service_name: string;
  spans: number;
  errors: number;
  orphans: number;
}

export async function findTraceSummaries(db: Queryable, tenant: string, query: JaegerTraceQuery): Promise<JaegerV3TraceSummary[]> {
  const { traces } = await searchSpansets(db, jaegerSearchToTraceQL(query.search), { tenant, fromNs: query.fromNs, toNs: query.toNs, limit: query.limit });
  if (traces.length === 0) return [];
  const minStart = traces.reduce((m, t) => (BigInt(t.startUnixNano) < m ? BigInt(t.startUnixNano) : m), BigInt(traces[0]!.startUnixNano));
  const maxEnd = traces.reduce((m, t) => {
    const end = BigInt(t.startUnixNano) + BigInt(t.durationNs);
    return end > m ? end : m;
  }, 0n);
  const rows = await queryRows<CountRow>(
    db,
    sql`SELECT s.trace_id, s.service_name, count(*)::int AS spans,
  count(*) FILTER (WHERE s.status_code = ${StatusCode.ERROR})::int AS errors,
  count(*) FILTER (WHERE length(s.parent_span_id) > 0 AND NOT EXISTS (
    SELECT 1 FROM spans p WHERE p.tenant = s.tenant AND p.trace_id = s.trace_id AND p.span_id = s.parent_span_id
      AND p.start_time_unix_nano >= ${minStart.toString()}::int8 AND p.start_time_unix_nano <= ${maxEnd.toString()}::int8))::int AS orphans
FROM spans s
WHERE s.tenant = ${tenant} AND s.trace_id = ANY(${traces.map((t) => hexToBytes(t.traceId))}::bytea[])
  AND s.start_time_unix_nano >= ${minStart.toString()}::int8 AND s.start_time_unix_nano <= ${maxEnd.toString()}::int8
GROUP BY s.trace_id, s.service_name
ORDER BY s.trace_id, s.service_name`,
  );
  const byTrace = new Map<string, CountRow[]>();
  for (const r of rows) {
    const id = bytesToHex(r.trace_id);
    byTrace.set(id, [...(byTrace.get(id) ?? []), r]);
  }
  return traces.map((t) => {
    const counts = byTrace.get(t.traceId) ?? [];
    return {
      traceId: t.traceId,
      traceID: t.traceId,
      rootServiceName: t.rootService ?? '',
      rootOperationName: t.rootName ?? '',
      minStartTimeUnixNano: t.startUnixNano,
      maxEndTimeUnixNano: (BigInt(t.startUnixNano) + BigInt(t.durationNs)).toString(),
      spanCount: t.spanCount,
      errorSpanCount: t.errorCount,
      orphanSpanCount: counts.reduce((n, c) => n + c.orphans, 0),
      services: counts.map((c) => ({ name: c.service_name, spanCount: c.spans, errorSpanCount: c.errors })),
    };
  });
}
