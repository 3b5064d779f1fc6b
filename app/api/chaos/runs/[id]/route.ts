// GET /api/chaos/runs/{id} — state, journal, indicators before/during/after, faulted and clean trace ids,
// the live stop-condition check and the verdict (viewer).
import { guarded } from '@/lib/server/auth/guarded';
import { getRun } from '@/lib/server/chaos/run-store';
import { runTraces } from '@/lib/server/chaos/run-traces';
import { getDatabase } from '@/lib/server/db/get-database';

export const dynamic = 'force-dynamic';

export const GET = guarded<{ id: string }>('viewer', async (_request, context, { tenant }) => {
  const { id } = await context.params;
  const db = await getDatabase();
  const { state, ...run } = await getRun(db.pool, id, tenant());
  return Response.json({ ...run, lastCheck: state.lastCheck ?? null, traces: await runTraces(db.pool, { ...run, state }) });
});
