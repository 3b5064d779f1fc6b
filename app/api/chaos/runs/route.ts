// GET /api/chaos/runs — recent runs of the tenant (viewer).
// POST /api/chaos/runs {experiment JSON, dryRun?, experimentId?} — starts a run (operator) → 201 {id}.
// Refused unless CHAOS_ENABLED=true; every attempt, refused or not, is in the audit trail.
import { readJsonBody } from '@/lib/server/agents/agent-input';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { guarded } from '@/lib/server/auth/guarded';
import { getExperiment } from '@/lib/server/chaos/experiment-store';
import { splitRunRequest } from '@/lib/server/chaos/run-request';
import { listRuns } from '@/lib/server/chaos/run-store';
import { startRun } from '@/lib/server/chaos/start-run';
import { getConfig } from '@/lib/server/config/load-config';
import { getDatabase } from '@/lib/server/db/get-database';

export const dynamic = 'force-dynamic';

export const GET = guarded('viewer', async (_request, _context, { tenant }) => {
  const db = await getDatabase();
  const runs = await listRuns(db.pool, tenant());
  // The list leaves out each run's journal and engine state (the run's own route has them).
  return Response.json({
    runs: runs.map(({ id, definition, dryRun, status, startedBy, createdAt, finishedAt, verdict, abortReason }) => ({
      id,
      name: definition.name,
      dryRun,
      status,
      startedBy,
      createdAt,
      finishedAt,
      verdict,
      abortReason,
    })),
  });
});

export const POST = guarded('operator', async (request, _context, { principal, tenant }) => {
  const db = await getDatabase();
  const { experiment, dryRun, experimentId } = splitRunRequest(await readJsonBody(request));
  const runTenant = tenant();
  const saved = experimentId ? await getExperiment(db.pool, runTenant, experimentId) : null;
  try {
    const { id, definition } = await startRun(db.pool, getConfig(), {
      tenant: runTenant,
      body: experiment,
      dryRun,
      experimentId: saved?.id ?? null,
      experimentVersion: saved?.version ?? null,
      actor: principal,
    });
    await recordAudit(db.pool, {
      actor: principal,
      action: 'chaos.run.start',
      target: id,
      tenant: runTenant,
      details: { name: definition.name, dryRun, durationSeconds: definition.durationSeconds, faults: definition.method.length },
    });
    return Response.json({ id }, { status: 201 });
  } catch (error) {
    await recordAudit(db.pool, { actor: principal, action: 'chaos.run.start', outcome: 'failure', tenant: runTenant, details: { dryRun, error: (error as Error).message } });
    throw error;
  }
});
