import 'server-only';
// Per-operation statistics of a tenant's spans in a window (count, error rate, p95 in ms), for the run's
// before/during comparison. Bounded: the busiest MAX_OPERATIONS operations only.
import { operationKey, type OperationStats } from '@/lib/domain/chaos/operation-comparison';
import type { Queryable } from '../db/queryable';

const MAX_OPERATIONS = 100;

export async function operationStats(db: Queryable, tenant: string, fromMs: number, toMs: number): Promise<Map<string, OperationStats>> {
  const { rows } = await db.query<{ service_name: string; name: string; n: number; errors: number; p95: number | null }>(
    `SELECT service_name, name, count(*)::int AS n, (count(*) FILTER (WHERE status_code = 2))::int AS errors,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ns)::float8 AS p95
     FROM spans WHERE tenant = $1 AND start_time_unix_nano >= $2::int8 AND start_time_unix_nano < $3::int8
     GROUP BY service_name, name ORDER BY count(*) DESC LIMIT ${MAX_OPERATIONS}`,
    [tenant, (BigInt(Math.floor(fromMs)) * 1_000_000n).toString(), (BigInt(Math.floor(toMs)) * 1_000_000n).toString()],
  );
  return new Map(rows.map((r) => [operationKey(r.service_name, r.name), { count: r.n, errorRate: r.n ? r.errors / r.n : 0, p95Ms: r.p95 === null ? null : r.p95 / 1e6 }]));
}
