// GET /api/traces/{traceId}/logs?spanId= — log lines correlated with a trace (or one of its spans), oldest
// first, at most `limit` (default 1000, max 5000).
import { isValidSpanId, isValidTraceId, normalizeTraceId } from '@/lib/domain/model/ids';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { guarded } from '@/lib/server/auth/guarded';
import { traceLogs } from '@/lib/server/logs/trace-logs';

export const dynamic = 'force-dynamic';

export const GET = guarded<{ traceId: string }>('viewer', async (request, context, access) => {
  const traceId = normalizeTraceId((await context.params).traceId);
  if (!isValidTraceId(traceId)) throw new AppError('bad_request', 'traceId must be 32 (or 16) hex characters');
  const params = new URL(request.url).searchParams;
  const spanRaw = params.get('spanId');
  const spanId = spanRaw ? spanRaw.toLowerCase() : null;
  if (spanId !== null && !isValidSpanId(spanId)) throw new AppError('bad_request', 'spanId must be 16 hex characters');
  const limitRaw = params.get('limit') ?? '1000';
  if (!/^\d+$/.test(limitRaw) || Number(limitRaw) < 1) throw new AppError('bad_request', 'limit: expected a positive whole number');
  const db = await getDatabase();
  const lines = await traceLogs(db.pool, access.tenant(), traceId, spanId, Math.min(Number(limitRaw), 5000));
  return Response.json({ traceId, spanId, lines });
});
