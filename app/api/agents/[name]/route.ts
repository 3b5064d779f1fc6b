// DELETE /api/agents/{name} — unregisters an agent (admin). Its lease rows go too, so its faults revert by
// themselves within the lease TTL.
import { deleteAgent } from '@/lib/server/agents/agent-registry';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { requireRole } from '@/lib/server/auth/require-role';
import { getDatabase } from '@/lib/server/db/get-database';
import { withErrors, type RouteContext } from '@/lib/server/http/route-handler';

export const dynamic = 'force-dynamic';

export const DELETE = withErrors(async (request, context: RouteContext<{ name: string }>) => {
  const principal = await requireRole(request, 'admin');
  const { name } = await context.params;
  const db = await getDatabase();
  await deleteAgent(db.pool, name);
  await recordAudit(db.pool, { actor: principal, action: 'agent.unregister', target: name });
  return new Response(null, { status: 204 });
});
