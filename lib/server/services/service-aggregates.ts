import 'server-only';
// Every service-level aggregate of a window in ONE statement over one materialized set of spans: dependency
// edges (parent span's service → child span's service: calls, errors, child-duration p50/p99), per-service
// volume and entry-span ("request") counts per sparkline bucket, and entry-span duration percentiles.
// The Tracehound agent's hop spans (lib/domain/analysis/agent-hops.ts: INTERNAL, service tracehound-agent or
// attribute tracehound.hop) are skipped: a span under a hop counts as a call from the hop's parent, and the agent
// is neither an edge nor a node. Limit: one hop per call (a call through two agents in a row is not counted).
//
// Big windows read a sample of whole traces: their ids are picked from trace_summaries (last byte of the
// random trace id below `sample.below`) and fetched by primary key, so the statement reads ~SPAN_BUDGET spans
// instead of scanning the window. Measured on 1M spans, the separate full scans took 3-5 s
// (docs/performance.md, "Search").
import { AGENT_SERVICE, HOP_ATTRIBUTE } from '@/lib/domain/analysis/agent-hops';
import { SpanKind } from '@/lib/domain/model/span';
import { queryRows, type Queryable } from '../db/queryable';
import { sql } from '../db/sql-template';
import type { TraceSample } from './sample-traces';
import type { ServiceGraphWindow } from './service-graph';

export const SPARKLINE_BUCKETS = 30;

/** A percentile_cont result (float ns, absent when no rows) as the wire's ns decimal string. */
export function percentileNsText(value: number | undefined): string {
  return BigInt(Math.round(value ?? 0)).toString();
}

export type AggregateRow =
  | { row_kind: 'edge'; a: string; b: string; bucket: null; n: number; e: number; n2: null; e2: null; pct: number[] }
  | { row_kind: 'bucket'; a: string; b: null; bucket: number; n: number; e: number; n2: number; e2: number; pct: null }
  | { row_kind: 'pct'; a: string; b: null; bucket: null; n: number; e: null; n2: null; e2: null; pct: number[] };

async function sampledTraceIds(db: Queryable, w: ServiceGraphWindow, sample: TraceSample): Promise<Buffer[]> {
  const rows = await queryRows<{ trace_id: Buffer }>(
    db,
    sql`SELECT trace_id FROM trace_summaries
WHERE tenant = ${w.tenant} AND start_time_unix_nano >= ${w.fromNs.toString()}::int8 AND start_time_unix_nano < ${w.toNs.toString()}::int8
  AND get_byte(trace_id, length(trace_id) - 1) < ${sample.below}::int`,
  );
  return rows.map((r) => r.trace_id);
}

export async function serviceAggregates(db: Queryable, w: ServiceGraphWindow, sample: TraceSample): Promise<AggregateRow[]> {
  const from = w.fromNs.toString();
  const width = (w.toNs - w.fromNs).toString();
  const idFilter = sample.below >= 256 ? sql`` : sql`AND s.trace_id = ANY(${await sampledTraceIds(db, w, sample)}::bytea[])`;
  // Buckets by integer arithmetic (width_bucket on numeric measured ~3x slower); the product stays far below
  // 2^63 for any window shorter than ~9 years.
  return queryRows<AggregateRow>(
    db,
    sql`WITH sub AS MATERIALIZED (
  SELECT s.trace_id, s.span_id, s.parent_span_id, s.service_name, s.duration_ns, s.status_code,
    (s.parent_span_id IS NULL OR s.kind IN (2, 5)) AS entry,
    (s.kind = ${SpanKind.INTERNAL} AND (s.service_name = ${AGENT_SERVICE} OR s.attributes ? ${HOP_ATTRIBUTE})) AS hop,
    ((s.start_time_unix_nano - ${from}::int8) * ${SPARKLINE_BUCKETS}::int8 / ${width}::int8)::int AS bucket
  FROM spans s
  WHERE s.tenant = ${w.tenant} AND s.start_time_unix_nano >= ${from}::int8 AND s.start_time_unix_nano < ${w.toNs.toString()}::int8 ${idFilter}
)
SELECT 'edge' AS row_kind, coalesce(pp.service_name, p.service_name) AS a, c.service_name AS b, NULL::int AS bucket, count(*)::int AS n,
  (count(*) FILTER (WHERE c.status_code = 2))::int AS e, NULL::int AS n2, NULL::int AS e2,
  ARRAY[percentile_cont(0.5) WITHIN GROUP (ORDER BY c.duration_ns), percentile_cont(0.99) WITHIN GROUP (ORDER BY c.duration_ns)] AS pct
FROM sub c JOIN sub p ON p.trace_id = c.trace_id AND p.span_id = c.parent_span_id
LEFT JOIN sub pp ON p.hop AND pp.trace_id = p.trace_id AND pp.span_id = p.parent_span_id
WHERE NOT c.hop AND (NOT p.hop OR (pp.span_id IS NOT NULL AND NOT pp.hop)) AND coalesce(pp.service_name, p.service_name) <> c.service_name
GROUP BY 2, 3
UNION ALL
SELECT 'bucket', service_name, NULL, bucket, count(*)::int, (count(*) FILTER (WHERE status_code = 2))::int,
  (count(*) FILTER (WHERE entry))::int, (count(*) FILTER (WHERE entry AND status_code = 2))::int, NULL
FROM sub WHERE NOT hop GROUP BY 2, 4
UNION ALL
SELECT 'pct', service_name, NULL, NULL, count(*)::int, NULL, NULL, NULL,
  percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY duration_ns)
FROM sub WHERE entry GROUP BY 2`,
  );
}
