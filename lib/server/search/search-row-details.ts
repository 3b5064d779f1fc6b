import 'server-only';
// What a search result row shows beyond the summary: the root span's outcome (HTTP or gRPC status, span status
// and message — so "gateway: POST /api/orders" rows tell a 200 from a 503) and the service and name of the
// first few spans that matched the query. One statement over the page's traces, bounded to their time span
// so partitions are pruned.
import { bytesToHex } from '../db/id-bytes';
import { queryRows, type Queryable } from '../db/queryable';
import { sql } from '../db/sql-template';

export interface RootOutcome {
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage: string;
  /** http.response.status_code / http.status_code / rpc.grpc.status_code, as written. */
  responseStatus: string | null;
}

export interface MatchedSpanLabel {
  spanId: string;
  service: string;
  name: string;
}

/** Matched spans named per row: enough to see what matched without a second page of text. */
export const MATCHED_SPAN_LABELS = 3;

export interface RowDetails {
  root: RootOutcome | null;
  matched: MatchedSpanLabel[];
}

const attr = (key: string) => sql`COALESCE(attributes -> ${key} ->> 'intValue', attributes -> ${key} ->> 'stringValue')`;

export async function searchRowDetails(
  db: Queryable,
  tenant: string,
  traces: readonly { traceId: Buffer; startNs: bigint; durationNs: bigint; matchedSpanIds: readonly string[] }[],
): Promise<Map<string, RowDetails>> {
  const out = new Map<string, RowDetails>();
  if (traces.length === 0) return out;
  let from = traces[0]!.startNs;
  let to = traces[0]!.startNs + traces[0]!.durationNs;
  for (const t of traces) {
    if (t.startNs < from) from = t.startNs;
    if (t.startNs + t.durationNs > to) to = t.startNs + t.durationNs;
    out.set(bytesToHex(t.traceId), { root: null, matched: [] });
  }
  const wanted = traces.flatMap((t) => t.matchedSpanIds.slice(0, MATCHED_SPAN_LABELS));
  // Ids travel as hex text arrays, decoded in SQL: the same on node-postgres and the embedded PGlite.
  const bytea = (hexes: readonly string[]) => sql`ARRAY(SELECT decode(x, 'hex') FROM unnest(${hexes}::text[]) AS x)`;
  const rows = await queryRows<{
    trace_id: Buffer;
    span_id: Buffer;
    name: string;
    service_name: string;
    status_code: number;
    status_message: string;
    is_root: boolean;
    response_status: string | null;
  }>(
    db,
    sql`SELECT trace_id, span_id, name, service_name, status_code, status_message, parent_span_id IS NULL AS is_root,
  COALESCE(${attr('http.response.status_code')}, ${attr('http.status_code')}, ${attr('rpc.grpc.status_code')}) AS response_status
FROM spans
WHERE tenant = ${tenant} AND trace_id = ANY(${bytea(traces.map((t) => bytesToHex(t.traceId)))})
  AND start_time_unix_nano >= ${from.toString()}::int8 AND start_time_unix_nano <= ${to.toString()}::int8
  AND (parent_span_id IS NULL OR span_id = ANY(${bytea(wanted)}))
ORDER BY start_time_unix_nano`,
  );
  const matchedOf = new Map(traces.map((t) => [bytesToHex(t.traceId), t.matchedSpanIds.slice(0, MATCHED_SPAN_LABELS)]));
  for (const r of rows) {
    const traceId = bytesToHex(r.trace_id);
    const spanId = bytesToHex(r.span_id);
    const details = out.get(traceId);
    if (!details) continue;
    // The earliest parentless span is the root (a trace can have several while it is still arriving).
    if (r.is_root && details.root === null) details.root = { statusCode: r.status_code, statusMessage: r.status_message, responseStatus: r.response_status };
    if (matchedOf.get(traceId)?.includes(spanId)) details.matched.push({ spanId, service: r.service_name, name: r.name });
  }
  return out;
}
