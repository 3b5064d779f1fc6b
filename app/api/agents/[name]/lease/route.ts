// PUT /api/agents/{name}/lease {holder, holdSeconds} — the dashboard keeps the agent's lease alive for that
// long (any instance renews); DELETE /api/agents/{name}/lease?holder= — stops renewing for that holder
// (all holders when omitted), so the agent reverts by itself within the lease TTL (operator).
import { holdLeaseSchema, parseInput, readJsonBody } from '@/lib/server/agents/agent-input';
import { holdLease, LEASE_TTL_MS, releaseLeases } from '@/lib/server/agents/agent-leases';
import { getAgent } from '@/lib/server/agents/agent-registry';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { guarded } from '@/lib/server/auth/guarded';
import { getDatabase } from '@/lib/server/db/get-database';

export const dynamic = 'force-dynamic';

export const PUT = guarded<{ name: string }>('operator', async (request, context, { principal }) => {
  const { name } = await context.params;
  const input = parseInput(holdLeaseSchema, await readJsonBody(request));
  const db = await getDatabase();
  const held = await holdLease(db.pool, name, input.holder, input.holdSeconds);
  await recordAudit(db.pool, { actor: principal, action: 'agent.lease.hold', target: name, details: { holder: input.holder, holdSeconds: input.holdSeconds } });
  return Response.json({ agent: name, holder: input.holder, ttlMs: LEASE_TTL_MS, ...held });
});

export const DELETE = guarded<{ name: string }>('operator', async (request, context, { principal }) => {
  const { name } = await context.params;
  const holder = new URL(request.url).searchParams.get('holder') ?? undefined;
  const db = await getDatabase();
  await releaseLeases(db.pool, (await getAgent(db.pool, name)).id, holder);
  await recordAudit(db.pool, { actor: principal, action: 'agent.lease.release', target: name, details: { holder: holder ?? null } });
  return new Response(null, { status: 204 });
});
