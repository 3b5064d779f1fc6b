// GET /api/replay-targets — the targets replays may go to, with secret names only (viewer).
// POST /api/replay-targets {name, baseUrl, environment, allowedMethods?, allowedAddresses?, secrets?} — adds a
// target (admin); secrets are encrypted at rest and never returned. 201 with the target.
import { parseInput, readJsonBody } from '@/lib/server/agents/agent-input';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { guarded } from '@/lib/server/auth/guarded';
import { getDatabase } from '@/lib/server/db/get-database';
import { createTargetSchema } from '@/lib/server/replay/replay-target-input';
import { createTarget, listTargets } from '@/lib/server/replay/replay-targets';

export const dynamic = 'force-dynamic';

export const GET = guarded('viewer', async () => {
  const db = await getDatabase();
  return Response.json({ targets: await listTargets(db.pool) });
});

export const POST = guarded('admin', async (request, _context, { principal }) => {
  const input = parseInput(createTargetSchema, await readJsonBody(request));
  const db = await getDatabase();
  const target = await createTarget(db.pool, input, principal.name);
  await recordAudit(db.pool, {
    actor: principal,
    action: 'replay.target.create',
    target: target.name,
    details: { baseUrl: target.baseUrl, environment: target.environment, allowedMethods: target.allowedMethods, allowedAddresses: target.allowedAddresses, secretNames: target.secretNames },
  });
  return Response.json(target, { status: 201 });
});
