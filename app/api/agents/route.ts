// GET /api/agents — registered agents with live health, lease and active faults (viewer).
// POST /api/agents {name, url, token, environment} — registers an agent (admin); 201 without the token.
import { agentsWithHealth } from '@/lib/server/agents/agent-health';
import { parseInput, readJsonBody, registerAgentSchema } from '@/lib/server/agents/agent-input';
import { registerAgent } from '@/lib/server/agents/agent-registry';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { guarded } from '@/lib/server/auth/guarded';
import { getDatabase } from '@/lib/server/db/get-database';

export const dynamic = 'force-dynamic';

export const GET = guarded('viewer', async () => {
  const db = await getDatabase();
  return Response.json({ agents: await agentsWithHealth(db.pool) });
});

export const POST = guarded('admin', async (request, _context, { principal }) => {
  const input = parseInput(registerAgentSchema, await readJsonBody(request));
  const db = await getDatabase();
  const agent = await registerAgent(db.pool, input, principal.name);
  await recordAudit(db.pool, { actor: principal, action: 'agent.register', target: agent.name, details: { url: agent.url, environment: agent.environment } });
  return Response.json(agent, { status: 201 });
});
