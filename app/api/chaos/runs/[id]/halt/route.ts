// POST /api/chaos/runs/{id}/halt — aborts the run and reverts its faults now; idempotent (operator).
// Works with CHAOS_ENABLED=false too: stopping must always be possible.
import { recordAudit } from '@/lib/server/audit/record-audit';
import { guarded } from '@/lib/server/auth/guarded';
import { haltRun } from '@/lib/server/chaos/halt-runs';
import { getDatabase } from '@/lib/server/db/get-database';

export const dynamic = 'force-dynamic';

export const POST = guarded<{ id: string }>('operator', async (_request, context, { principal, tenant }) => {
  const { id } = await context.params;
  const db = await getDatabase();
  const halted = await haltRun(db.pool, id, tenant(), principal);
  await recordAudit(db.pool, { actor: principal, action: 'chaos.run.halt', target: id, details: { halted } });
  return Response.json({ id, halted });
});
