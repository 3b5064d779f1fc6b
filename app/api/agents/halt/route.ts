// POST /api/agents/halt — reverts every fault on every registered agent now and drops all leases (operator).
import { haltAllAgents } from '@/lib/server/agents/halt-agents';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { guarded } from '@/lib/server/auth/guarded';
import { getDatabase } from '@/lib/server/db/get-database';

export const dynamic = 'force-dynamic';

export const POST = guarded('operator', async (request, _context, { principal }) => {
  const db = await getDatabase();
  const results = await haltAllAgents(db.pool);
  const unreached = results.filter((r) => !r.reached).map((r) => r.agent);
  await recordAudit(db.pool, { actor: principal, action: 'agent.halt-all', outcome: unreached.length ? 'failure' : 'success', details: { agents: results.length, unreached } });
  return Response.json({ results });
});
