import 'server-only';
// Reads the spans that started in a time window, with only the columns the system-wide analyses need
// (attributes only for CLIENT/PRODUCER spans, which carry the peer attributes). The start-time filter prunes
// the day partitions. At most `limit` spans are read, earliest first, and the result says whether the window
// held more (the caller then shows a partial answer rather than running out of memory).
import type { AnalysisSpan } from '@/lib/domain/analysis/analysis-span';
import type { Attributes } from '@/lib/domain/model/any-value';
import type { SpanKind, StatusCode } from '@/lib/domain/model/span';
import type { Queryable } from '../db/queryable';
import { queryRows } from '../db/queryable';
import { sql } from '../db/sql-template';
import type { TimeWindow } from './time-window';
import { hostFromColumns, type HostColumns } from '../spans/host-columns';
import type { SpanTableRow } from '../spans/span-row';

export const DEFAULT_WINDOW_SPAN_LIMIT = 200_000;

/** Ids come hex-encoded by the query; attributes only for CLIENT/PRODUCER spans. */
interface Row extends HostColumns, Pick<SpanTableRow, 'name' | 'kind' | 'service_name' | 'start_time_unix_nano' | 'end_time_unix_nano' | 'status_code'> {
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  attributes: Attributes | null;
}

export interface WindowSpans {
  spans: AnalysisSpan[];
  truncated: boolean;
}

export async function readWindowSpans(db: Queryable, tenant: string, window: TimeWindow, limit = DEFAULT_WINDOW_SPAN_LIMIT): Promise<WindowSpans> {
  const rows = await queryRows<Row>(
    db,
    sql`SELECT encode(trace_id, 'hex') AS trace_id, encode(span_id, 'hex') AS span_id,
               encode(parent_span_id, 'hex') AS parent_span_id, name, kind, service_name,
               start_time_unix_nano, end_time_unix_nano, status_code,
               CASE WHEN kind IN (3, 4) THEN attributes END AS attributes,
               host_id, host_name, host_ip, service_instance_id
          FROM spans
         WHERE tenant = ${tenant}
           AND start_time_unix_nano >= ${window.fromUnixNano} AND start_time_unix_nano < ${window.toUnixNano}
         ORDER BY start_time_unix_nano
         LIMIT ${limit + 1}`,
  );
  const truncated = rows.length > limit;
  const spans = (truncated ? rows.slice(0, limit) : rows).map((r): AnalysisSpan => ({
    traceId: r.trace_id,
    spanId: r.span_id,
    parentSpanId: r.parent_span_id || null,
    name: r.name,
    kind: r.kind as SpanKind,
    serviceName: r.service_name,
    startTimeUnixNano: BigInt(r.start_time_unix_nano),
    endTimeUnixNano: BigInt(r.end_time_unix_nano),
    statusCode: r.status_code as StatusCode,
    attributes: r.attributes ?? undefined,
    host: hostFromColumns(r),
  }));
  return { spans, truncated };
}
