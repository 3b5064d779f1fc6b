// GET /api/chaos/experiments/{id} — the experiment (its definition is the export format) and its versions (viewer).
// PUT /api/chaos/experiments/{id} {experiment JSON} — saves a new version (operator).
import { readJsonBody } from '@/lib/server/agents/agent-input';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { guarded } from '@/lib/server/auth/guarded';
import { experimentVersions, getExperiment, updateExperiment } from '@/lib/server/chaos/experiment-store';
import { validateExperiment } from '@/lib/server/chaos/validate-experiment';
import { getConfig } from '@/lib/server/config/load-config';
import { getDatabase } from '@/lib/server/db/get-database';

export const dynamic = 'force-dynamic';

export const GET = guarded<{ id: string }>('viewer', async (_request, context, { tenant }) => {
  const { id } = await context.params;
  const db = await getDatabase();
  const experiment = await getExperiment(db.pool, tenant(), id);
  return Response.json({ ...experiment, versions: await experimentVersions(db.pool, experiment.id) });
});

export const PUT = guarded<{ id: string }>('operator', async (request, context, { principal, tenant }) => {
  const { id } = await context.params;
  const definition = validateExperiment(await readJsonBody(request), getConfig().CHAOS_MAX_DURATION_SECONDS);
  const db = await getDatabase();
  const saved = await updateExperiment(db.pool, tenant(), id, definition, principal.name);
  await recordAudit(db.pool, { actor: principal, action: 'chaos.experiment.save', target: saved.id, tenant: saved.tenant, details: { name: saved.name, version: saved.version } });
  return Response.json(saved);
});
