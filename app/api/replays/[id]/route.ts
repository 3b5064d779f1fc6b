// GET /api/replays/{id} — one run: every request with original and new trace ids, outcome, response diff,
// and the run's totals including skipped unsafe requests (viewer).
import { guarded } from '@/lib/server/auth/guarded';
import { getDatabase } from '@/lib/server/db/get-database';
import { getRun } from '@/lib/server/replay/replay-runs';

export const dynamic = 'force-dynamic';

export const GET = guarded<{ id: string }>('viewer', async (_request, context, { tenant }) => {
  const { id } = await context.params;
  const db = await getDatabase();
  return Response.json(await getRun(db.pool, tenant(), id));
});
