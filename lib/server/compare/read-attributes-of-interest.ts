import 'server-only';
// The attributes of interest of one stored trace (GET /api/traces/{traceId}/attributes-of-interest): only the
// spans that carry any, and only those keys, so the /compare page reads a few kB instead of every attribute
// of two 100k-span traces. Bounded by the trace summary's time range like readTrace (partition pruning).
import { ATTRIBUTES_OF_INTEREST, type TraceAttributesOfInterest } from '@/lib/domain/compare/attributes-of-interest';
import type { Attributes } from '@/lib/domain/model/any-value';
import { bytesToHex, hexToBytes } from '../db/id-bytes';
import { queryRows, type Queryable } from '../db/queryable';
import { sql } from '../db/sql-template';
import { findTraceSummaryRow } from '../traces/trace-summary-row';

/** Null when the trace is unknown for this tenant. */
export async function readAttributesOfInterest(db: Queryable, tenant: string, traceId: string): Promise<TraceAttributesOfInterest | null> {
  const summary = await findTraceSummaryRow(db, tenant, traceId);
  if (!summary) return null;
  const keys = [...ATTRIBUTES_OF_INTEREST];
  // `?|` (any of the keys) is answered from each row's jsonb without unpacking it; only matching rows are
  // cut down to the keys of interest.
  const rows = await queryRows<{ span_id: Buffer; start: string; attributes: Attributes }>(
    db,
    sql`SELECT span_id, start_time_unix_nano::text AS start,
               (SELECT jsonb_object_agg(a.key, a.value) FROM jsonb_each(attributes) a WHERE a.key = ANY (${keys}::text[])) AS attributes
          FROM spans
         WHERE trace_id = ${hexToBytes(traceId)} AND tenant = ${tenant}
           AND start_time_unix_nano >= ${summary.start_time_unix_nano.toString()}::int8
           AND start_time_unix_nano <= ${summary.end_time_unix_nano.toString()}::int8
           AND attributes ?| ${keys}::text[]
         ORDER BY start_time_unix_nano, span_id`,
  );
  return { traceId, spans: rows.map((r) => [bytesToHex(r.span_id), r.start, r.attributes]) };
}
