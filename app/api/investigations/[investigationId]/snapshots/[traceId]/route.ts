// GET /api/investigations/{id}/snapshots/{traceId} — the trace as it was pinned (a TracePayload with at most
// INVESTIGATION_SNAPSHOT_MAX_SPANS spans), readable after retention dropped the trace (viewer). 404 when the
// investigation (in this tenant) has no snapshot of that trace.
import { isValidTraceId, normalizeTraceId } from '@/lib/domain/model/ids';
import { guarded } from '@/lib/server/auth/guarded';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { getInvestigation } from '@/lib/server/investigations/get-investigation';
import { investigationIdOrNotFound } from '@/lib/server/investigations/investigation-row';
import { readSnapshot } from '@/lib/server/investigations/pin-trace-snapshot';

export const dynamic = 'force-dynamic';

export const GET = guarded<{ investigationId: string; traceId: string }>('viewer', async (_request, context, { tenant }) => {
  const params = await context.params;
  const id = investigationIdOrNotFound(params.investigationId);
  const traceId = normalizeTraceId(params.traceId);
  if (!isValidTraceId(traceId)) throw new AppError('bad_request', 'traceId must be 32 (or 16) hex characters and not all zero.');
  const db = (await getDatabase()).pool;
  await getInvestigation(db, tenant(), id);
  const snapshot = await readSnapshot(db, id, traceId);
  if (!snapshot) throw new AppError('not_found', `Investigation ${id} has no snapshot of trace ${traceId}.`);
  return Response.json(snapshot);
});
