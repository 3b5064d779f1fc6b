// DELETE /api/agents/{name} — unregisters an agent (admin). Its lease rows go too, so its faults revert by
// themselves within the lease TTL.
import { deleteAgent } from '@/lib/server/agents/agent-registry';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { guarded } from '@/lib/server/auth/guarded';
import { getDatabase } from '@/lib/server/db/get-database';

export const dynamic = 'force-dynamic';

export const DELETE = guarded<{ name: string }>('admin', async (request, context, { principal }) => {
  const { name } = await context.params;
  const db = await getDatabase();
  await deleteAgent(db.pool, name);
  await recordAudit(db.pool, { actor: principal, action: 'agent.unregister', target: name });
  return new Response(null, { status: 204 });
});
