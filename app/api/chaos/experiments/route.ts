// GET /api/chaos/experiments — saved experiments of the tenant (viewer).
// POST /api/chaos/experiments {experiment JSON} — saves (or imports) it; same name = a new version (operator).
import { readJsonBody } from '@/lib/server/agents/agent-input';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { guarded } from '@/lib/server/auth/guarded';
import { listExperiments, saveExperiment } from '@/lib/server/chaos/experiment-store';
import { validateExperiment } from '@/lib/server/chaos/validate-experiment';
import { getConfig } from '@/lib/server/config/load-config';
import { getDatabase } from '@/lib/server/db/get-database';

export const dynamic = 'force-dynamic';

export const GET = guarded('viewer', async (_request, _context, { tenant }) => {
  const db = await getDatabase();
  return Response.json({ experiments: await listExperiments(db.pool, tenant()) });
});

export const POST = guarded('operator', async (request, _context, { principal, tenant }) => {
  const definition = validateExperiment(await readJsonBody(request), getConfig().CHAOS_MAX_DURATION_SECONDS);
  const db = await getDatabase();
  const saved = await saveExperiment(db.pool, tenant(), definition, principal.name);
  await recordAudit(db.pool, { actor: principal, action: 'chaos.experiment.save', target: saved.id, tenant: saved.tenant, details: { name: saved.name, version: saved.version } });
  return Response.json(saved, { status: saved.version === 1 ? 201 : 200 });
});
