// POST /api/agents/{name}/halt — reverts every fault on one agent now and drops its leases (operator).
import { getAgent } from '@/lib/server/agents/agent-registry';
import { haltAgent } from '@/lib/server/agents/halt-agents';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { guarded } from '@/lib/server/auth/guarded';
import { getDatabase } from '@/lib/server/db/get-database';

export const dynamic = 'force-dynamic';

export const POST = guarded<{ name: string }>('operator', async (request, context, { principal }) => {
  const { name } = await context.params;
  const db = await getDatabase();
  const result = await haltAgent(db.pool, await getAgent(db.pool, name));
  await recordAudit(db.pool, { actor: principal, action: 'agent.halt', target: name, outcome: result.reached ? 'success' : 'failure', details: { reverted: result.reverted, error: result.error } });
  return Response.json(result);
});
