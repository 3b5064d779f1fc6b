import 'server-only';
// One stored trace as the analysis engine reads it: the AnalysisSpan fields plus what the rules look at —
// attributes of SERVER/CLIENT/PRODUCER/CONSUMER spans (response statuses, gRPC codes, call targets), status
// messages, events of failed spans (exception events name timeouts) and links (wait-for cycles); and the
// attributes of the Tracehound agent's INTERNAL spans, which say whether a fault was injected (injected-fault.ts).
import { AGENT_SERVICE, HOP_ATTRIBUTE } from '@/lib/domain/analysis/agent-hops';
import type { AnalysisSpan } from '@/lib/domain/analysis/analysis-span';
import type { Attributes } from '@/lib/domain/model/any-value';
import type { SpanKind, SpanLink, StatusCode } from '@/lib/domain/model/span';
import { queryRows, type Queryable } from '../db/queryable';
import { sql } from '../db/sql-template';
import { hostFromColumns, type HostColumns } from '../spans/host-columns';

interface Row extends HostColumns {
  span_id: string;
  parent_span_id: string | null;
  name: string;
  kind: number;
  service_name: string;
  start_time_unix_nano: string;
  end_time_unix_nano: string;
  status_code: number;
  status_message: string;
  attributes: Attributes | null;
  events: { name: string; attributes: Attributes; timeUnixNano: string; droppedAttributesCount: number }[] | null;
  links: SpanLink[];
}

export async function readTraceAnalysisSpans(db: Queryable, tenant: string, traceId: string): Promise<AnalysisSpan[]> {
  const rows = await queryRows<Row>(
    db,
    sql`SELECT encode(span_id, 'hex') AS span_id, encode(parent_span_id, 'hex') AS parent_span_id, name, kind,
               service_name, start_time_unix_nano, end_time_unix_nano, status_code, status_message,
               CASE WHEN kind IN (2, 3, 4, 5) OR service_name = ${AGENT_SERVICE} OR attributes ? ${HOP_ATTRIBUTE} THEN attributes END AS attributes,
               CASE WHEN status_code = 2 THEN events END AS events, links,
               host_id, host_name, host_ip, service_instance_id
          FROM spans
         WHERE tenant = ${tenant} AND trace_id = decode(${traceId}, 'hex')`,
  );
  return rows.map((r) => ({
    traceId,
    spanId: r.span_id,
    parentSpanId: r.parent_span_id || null,
    name: r.name,
    kind: r.kind as SpanKind,
    serviceName: r.service_name,
    startTimeUnixNano: BigInt(r.start_time_unix_nano),
    endTimeUnixNano: BigInt(r.end_time_unix_nano),
    statusCode: r.status_code as StatusCode,
    statusMessage: r.status_message,
    attributes: r.attributes ?? undefined,
    events: (r.events ?? []).map((e) => ({ ...e, timeUnixNano: BigInt(e.timeUnixNano) })),
    links: r.links,
    host: hostFromColumns(r),
  }));
}
