// POST /api/chaos/halt — aborts every active run and tells every agent to revert all faults now;
// idempotent (operator). Works with CHAOS_ENABLED=false too.
import { recordAudit } from '@/lib/server/audit/record-audit';
import { guarded } from '@/lib/server/auth/guarded';
import { haltAll } from '@/lib/server/chaos/halt-runs';
import { getDatabase } from '@/lib/server/db/get-database';

export const dynamic = 'force-dynamic';

export const POST = guarded('operator', async (_request, _context, { principal }) => {
  const db = await getDatabase();
  const result = await haltAll(db.pool, principal);
  const unreached = result.agents.filter((a) => !a.reached).map((a) => a.agent);
  await recordAudit(db.pool, {
    actor: principal,
    action: 'chaos.halt-all',
    outcome: unreached.length ? 'failure' : 'success',
    details: { runs: result.runs, agents: result.agents.length, unreached },
  });
  return Response.json(result);
});
