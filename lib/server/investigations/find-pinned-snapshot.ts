import 'server-only';
// The investigation holding the newest snapshot of a trace in a tenant, if any: the trace page opens that
// snapshot once retention has dropped the live trace.
import type { Queryable } from '../db/queryable';

export async function findPinnedSnapshot(db: Queryable, tenant: string, traceId: string): Promise<string | null> {
  const { rows } = await db.query<{ investigation_id: string }>(
    `SELECT s.investigation_id FROM investigation_trace_snapshots s JOIN investigations i ON i.id = s.investigation_id
      WHERE s.trace_id = $1 AND i.tenant = $2 AND i.deleted_at IS NULL
      ORDER BY s.captured_at DESC LIMIT 1`,
    [traceId, tenant],
  );
  return rows[0]?.investigation_id ?? null;
}
