import 'server-only';
// The analysis engine's findings for a few traces, read with the columns the engine needs and restricted to a
// window so the day partitions prune.
import { analyzeTrace } from '@/lib/domain/analysis/analyze-trace';
import type { AnalysisSpan } from '@/lib/domain/analysis/analysis-span';
import type { Finding } from '@/lib/domain/analysis/finding';
import type { Attributes } from '@/lib/domain/model/any-value';
import type { SpanKind, StatusCode } from '@/lib/domain/model/span';
import { hexToBytes } from '../db/id-bytes';
import type { Queryable } from '../db/queryable';
import { hostFromColumns, type HostColumns } from '../spans/host-columns';

interface Row extends HostColumns {
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  name: string;
  kind: number;
  service_name: string;
  start_time_unix_nano: string;
  end_time_unix_nano: string;
  status_code: number;
  status_message: string;
  attributes: Attributes;
}

export async function findingsByTrace(db: Queryable, tenant: string, traceIds: readonly string[], fromNs: bigint, toNs: bigint): Promise<Map<string, Finding[]>> {
  if (traceIds.length === 0) return new Map();
  const { rows } = await db.query<Row>(
    `SELECT encode(trace_id, 'hex') AS trace_id, encode(span_id, 'hex') AS span_id, encode(parent_span_id, 'hex') AS parent_span_id,
            name, kind, service_name, start_time_unix_nano::text, end_time_unix_nano::text, status_code, status_message, attributes,
            host_id, host_name, host_ip, service_instance_id
       FROM spans WHERE tenant = $1 AND trace_id = ANY($2::bytea[]) AND start_time_unix_nano >= $3::int8 AND start_time_unix_nano < $4::int8`,
    [tenant, traceIds.map(hexToBytes), fromNs.toString(), toNs.toString()],
  );
  const byTrace = new Map<string, AnalysisSpan[]>();
  for (const r of rows) {
    const span: AnalysisSpan = {
      traceId: r.trace_id,
      spanId: r.span_id,
      parentSpanId: r.parent_span_id || null,
      name: r.name,
      kind: r.kind as SpanKind,
      serviceName: r.service_name,
      startTimeUnixNano: BigInt(r.start_time_unix_nano),
      endTimeUnixNano: BigInt(r.end_time_unix_nano),
      statusCode: r.status_code as StatusCode,
      statusMessage: r.status_message,
      attributes: r.attributes,
      host: hostFromColumns(r),
    };
    (byTrace.get(span.traceId) ?? byTrace.set(span.traceId, []).get(span.traceId)!).push(span);
  }
  return new Map([...byTrace].map(([id, spans]) => [id, analyzeTrace(spans).findings]));
}
