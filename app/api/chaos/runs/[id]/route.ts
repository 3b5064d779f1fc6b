// GET /api/chaos/runs/{id} — state, journal, indicators before/during/after, faulted and clean trace ids,
// the per-operation comparison, the live stop-condition check and the verdict (viewer).
import { guarded } from '@/lib/server/auth/guarded';
import { runResult } from '@/lib/server/chaos/run-result';
import { getDatabase } from '@/lib/server/db/get-database';

export const dynamic = 'force-dynamic';

export const GET = guarded<{ id: string }>('viewer', async (_request, context, { tenant }) => {
  const { id } = await context.params;
  const db = await getDatabase();
  return Response.json(await runResult(db.pool, id, tenant()));
});
