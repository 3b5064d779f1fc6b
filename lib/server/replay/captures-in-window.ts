import 'server-only';
// Ids of the captures (not shadow copies) that started in a time window, oldest first, at most `limit`:
// the "time window" source of a replay run. The records themselves are read through find-captures.ts.
import type { Queryable } from '../db/queryable';

export async function captureIdsInWindow(db: Queryable, tenant: string, window: { from: string; to: string; route?: string }, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM agent_captures
      WHERE tenant = $1 AND started_at >= $2 AND started_at < $3 AND shadow_of IS NULL AND ($4::text IS NULL OR route = $4)
      ORDER BY started_at, id
      LIMIT $5`,
    [tenant, window.from, window.to, window.route ?? null, limit],
  );
  return rows.map((r) => r.id);
}
