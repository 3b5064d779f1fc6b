import 'server-only';
// The first `rows` rows of a stored trace's waterfall, for the page's server-rendered preview (issue #22): the
// same display order as the worker's tree (lib/domain/waterfall/trace-tree.ts: depth-first from the true roots,
// siblings by start), with ties on start broken by span id (the worker breaks them by skeleton index, which
// is not known here). Spans under a missing parent are placed after every true root's subtree, so they only
// appear in the preview when those subtrees are shorter than `rows`, and then the preview stops before them.
//
// Cost: one summary lookup, one roots query and at most `rows` children queries, each a range scan of
// spans_trace_parent_start_idx (trace_id, tenant, parent_span_id, start, span_id) with LIMIT of the rows still
// wanted, bounded by the trace's time range so the planner prunes to its day partitions. Nothing grows with
// the trace's size: a 500k-span trace costs what a 60-span trace does.
import type { SpanKind, StatusCode } from '@/lib/domain/model/span';
import type { TraceHead, TraceHeadRow } from '@/lib/domain/model/trace-head';
import type { Database } from '../db/database';
import { bytesToHex, hexToBytes } from '../db/id-bytes';
import { queryRows } from '../db/queryable';
import { sql, type SqlQuery } from '../db/sql-template';
import { findTraceSummaryRow } from './trace-summary-row';

/** Enough for a tall screen at 24 px a row. */
export const TRACE_HEAD_ROWS = 60;

interface HeadSpanRow {
  span_id: Buffer;
  parent_span_id: Buffer | null;
  service_name: string;
  name: string;
  kind: number;
  status_code: number;
  start_time_unix_nano: bigint;
  end_time_unix_nano: bigint;
}

interface Pending {
  row: HeadSpanRow;
  depth: number;
}

/** Null when the trace is unknown or has no true root (then the page shows no preview). */
export async function traceHead(db: Database, tenant: string, traceId: string, rows = TRACE_HEAD_ROWS): Promise<TraceHead | null> {
  const summary = await findTraceSummaryRow(db.pool, tenant, traceId);
  if (!summary || rows <= 0) return null;
  const id = hexToBytes(traceId);
  const from = summary.start_time_unix_nano;
  const to = summary.end_time_unix_nano;
  const select = (where: SqlQuery, limit: number) =>
    sql`SELECT span_id, parent_span_id, service_name, name, kind, status_code, start_time_unix_nano, end_time_unix_nano
          FROM spans
         WHERE trace_id = ${id} AND tenant = ${tenant} AND ${where}
           AND start_time_unix_nano >= ${from.toString()}::int8 AND start_time_unix_nano <= ${to.toString()}::int8
         ORDER BY start_time_unix_nano, span_id
         LIMIT ${limit}`;
  // One connection for the whole walk: up to `rows` + 1 short queries back to back.
  const client = await db.pool.connect();
  try {
    // The writer stores an absent parent as NULL; an empty id (decode('', 'hex')) would also be a root to the
    // tree builder, so both count. Two ordered index scans, merged, rather than an OR the index cannot order.
    const roots = await queryRows<HeadSpanRow>(
      client,
      sql`SELECT * FROM (
            (${select(sql`parent_span_id IS NULL`, rows)})
            UNION ALL
            (${select(sql`parent_span_id = ''::bytea`, rows)})
          ) AS r ORDER BY start_time_unix_nano, span_id LIMIT ${rows}`,
    );
    if (roots.length === 0) return null;
    const out: TraceHeadRow[] = [];
    // Depth-first with an explicit stack (top = next row); children are fetched only when their parent is
    // emitted and rows are still wanted, so at most `rows` children queries run.
    const stack: Pending[] = roots.map((row) => ({ row, depth: 0 })).reverse();
    while (stack.length > 0 && out.length < rows) {
      const { row, depth } = stack.pop()!;
      out.push(headRow(row, depth, from));
      if (out.length === rows) break;
      const children = await queryRows<HeadSpanRow>(client, select(sql`parent_span_id = ${row.span_id} AND span_id <> ${row.span_id}`, rows - out.length));
      for (let c = children.length - 1; c >= 0; c--) stack.push({ row: children[c]!, depth: depth + 1 });
    }
    return { startUnixNano: from.toString(), durationNs: (to - from).toString(), rows: out };
  } finally {
    client.release();
  }
}

function headRow(r: HeadSpanRow, depth: number, from: bigint): TraceHeadRow {
  return {
    spanId: bytesToHex(r.span_id),
    parentSpanId: r.parent_span_id && r.parent_span_id.length > 0 ? bytesToHex(r.parent_span_id) : null,
    depth,
    serviceName: r.service_name,
    name: r.name,
    kind: r.kind as SpanKind,
    statusCode: r.status_code as StatusCode,
    startNs: (r.start_time_unix_nano - from).toString(),
    endNs: (r.end_time_unix_nano - from).toString(),
  };
}
