// GET /api/replays — the tenant's replay runs, newest first (viewer).
// POST /api/replays {target, source, options} — replays the source's requests against the target and stores
// the run (responder; unsafe methods and production targets need more, see run-policy.ts). 201 {id, status,
// totals}; 403 when the run may not start or a safety check stopped it (the stopped run is stored).
import { parseInput, readJsonBody } from '@/lib/server/agents/agent-input';
import { guarded } from '@/lib/server/auth/guarded';
import { getConfig } from '@/lib/server/config/load-config';
import { getDatabase } from '@/lib/server/db/get-database';
import { runInputSchema } from '@/lib/server/replay/replay-run-input';
import { listRuns } from '@/lib/server/replay/replay-runs';
import { startReplayRun } from '@/lib/server/replay/run-replay';

export const dynamic = 'force-dynamic';

export const GET = guarded('viewer', async (_request, _context, { tenant }) => {
  const db = await getDatabase();
  return Response.json({ runs: await listRuns(db.pool, tenant()) });
});

export const POST = guarded('responder', async (request, _context, { principal, tenant }) => {
  const input = parseInput(runInputSchema, await readJsonBody(request));
  const config = getConfig();
  const db = await getDatabase();
  const run = await startReplayRun(db.pool, {
    principal,
    tenant: tenant(),
    input,
    unsafeEnabled: config.REPLAY_UNSAFE_ENABLED,
    limits: { timeoutMs: config.REPLAY_TIMEOUT_MS, maxResponseBytes: config.REPLAY_MAX_RESPONSE_BYTES },
  });
  return Response.json(run, { status: 201 });
});
