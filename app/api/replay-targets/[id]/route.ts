// DELETE /api/replay-targets/{id} — removes a target and its secrets (admin). Past runs keep its name.
import { recordAudit } from '@/lib/server/audit/record-audit';
import { guarded } from '@/lib/server/auth/guarded';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { deleteTarget, getTarget } from '@/lib/server/replay/replay-targets';

export const dynamic = 'force-dynamic';

export const DELETE = guarded<{ id: string }>('admin', async (_request, context, { principal }) => {
  const { id } = await context.params;
  const db = await getDatabase();
  const target = await getTarget(db.pool, id);
  if (!(await deleteTarget(db.pool, target.id))) throw new AppError('not_found', `No replay target "${id}".`);
  await recordAudit(db.pool, { actor: principal, action: 'replay.target.delete', target: target.name });
  return new Response(null, { status: 204 });
});
