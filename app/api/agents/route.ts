// GET /api/agents — registered agents with live health, lease and active faults (viewer).
// POST /api/agents {name, url, token, environment} — registers an agent (admin); 201 without the token.
import { agentsWithHealth } from '@/lib/server/agents/agent-health';
import { parseInput, readJsonBody, registerAgentSchema } from '@/lib/server/agents/agent-input';
import { registerAgent } from '@/lib/server/agents/agent-registry';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { requireRole } from '@/lib/server/auth/require-role';
import { getDatabase } from '@/lib/server/db/get-database';
import { withErrors } from '@/lib/server/http/route-handler';

export const dynamic = 'force-dynamic';

export const GET = withErrors(async (request) => {
  await requireRole(request, 'viewer');
  const db = await getDatabase();
  return Response.json({ agents: await agentsWithHealth(db.pool) });
});

export const POST = withErrors(async (request) => {
  const principal = await requireRole(request, 'admin');
  const input = parseInput(registerAgentSchema, await readJsonBody(request));
  const db = await getDatabase();
  const agent = await registerAgent(db.pool, input, principal.name);
  await recordAudit(db.pool, { actor: principal, action: 'agent.register', target: agent.name, details: { url: agent.url, environment: agent.environment } });
  return Response.json(agent, { status: 201 });
});
