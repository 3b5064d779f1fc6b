// POST /api/agents/{name}/faults {route, holder, fault} — injects a fault through the agent's control API,
// holding its lease from the database for the fault's duration (operator). `fault` is the agent's fault body
// (type, parameters, match, probability, durationMs, runId); the agent's 4xx comes back naming the problem.
import { z } from 'zod';
import { parseInput, readJsonBody } from '@/lib/server/agents/agent-input';
import { injectFault } from '@/lib/server/agents/inject-fault';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { guarded } from '@/lib/server/auth/guarded';
import { getDatabase } from '@/lib/server/db/get-database';

export const dynamic = 'force-dynamic';

const bodySchema = z.strictObject({
  route: z.string().min(1).max(64),
  holder: z.string().min(1).max(128),
  fault: z.record(z.string(), z.unknown()),
});

export const POST = guarded<{ name: string }>('operator', async (request, context, { principal }) => {
  const { name } = await context.params;
  const input = parseInput(bodySchema, await readJsonBody(request));
  const db = await getDatabase();
  try {
    const fault = await injectFault(db.pool, name, input.route, input.holder, input.fault);
    await recordAudit(db.pool, { actor: principal, action: 'agent.fault.inject', target: name, details: { route: input.route, holder: input.holder, faultId: fault.id, type: input.fault.type } });
    return Response.json(fault, { status: 201 });
  } catch (error) {
    await recordAudit(db.pool, {
      actor: principal,
      action: 'agent.fault.inject',
      target: name,
      outcome: 'failure',
      details: { route: input.route, holder: input.holder, error: (error as Error).message },
    });
    throw error;
  }
});
