// GET /api/investigations/{id}/timeline — the items ordered by when their evidence happened (notes by when they
// were written): {entries: [{atUnixNano, evidenceTime, item}]} (viewer).
import { buildTimeline } from '@/lib/domain/investigations/timeline';
import { guarded } from '@/lib/server/auth/guarded';
import { getDatabase } from '@/lib/server/db/get-database';
import { getInvestigation } from '@/lib/server/investigations/get-investigation';
import { investigationIdOrNotFound } from '@/lib/server/investigations/investigation-row';
import { listItems } from '@/lib/server/investigations/list-items';

export const dynamic = 'force-dynamic';

export const GET = guarded<{ investigationId: string }>('viewer', async (_request, context, { tenant }) => {
  const id = investigationIdOrNotFound((await context.params).investigationId);
  const db = (await getDatabase()).pool;
  await getInvestigation(db, tenant(), id);
  return Response.json({ entries: buildTimeline(await listItems(db, id, null)) });
});
