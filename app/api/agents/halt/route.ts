// POST /api/agents/halt — reverts every fault on every registered agent now and drops all leases (operator).
import { haltAllAgents } from '@/lib/server/agents/halt-agents';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { requireRole } from '@/lib/server/auth/require-role';
import { getDatabase } from '@/lib/server/db/get-database';
import { withErrors } from '@/lib/server/http/route-handler';

export const dynamic = 'force-dynamic';

export const POST = withErrors(async (request) => {
  const principal = await requireRole(request, 'operator');
  const db = await getDatabase();
  const results = await haltAllAgents(db.pool);
  const unreached = results.filter((r) => !r.reached).map((r) => r.agent);
  await recordAudit(db.pool, { actor: principal, action: 'agent.halt-all', outcome: unreached.length ? 'failure' : 'success', details: { agents: results.length, unreached } });
  return Response.json({ results });
});
