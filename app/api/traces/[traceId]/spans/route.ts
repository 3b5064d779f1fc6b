// GET /api/traces/{traceId}/spans — the whole trace as streamed compact JSON (WireTrace, see
// lib/domain/waterfall/waterfall-wire.ts) for the trace page; built for traces of 500k spans.
// 400 for a malformed id, 404 when the trace is unknown.
import { isValidTraceId, normalizeTraceId } from '@/lib/domain/model/ids';
import { DEFAULT_TENANT } from '@/lib/domain/model/span';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { withErrors } from '@/lib/server/http/route-handler';
import { streamTraceSpans, traceExists } from '@/lib/server/traces/stream-trace-spans';

export const dynamic = 'force-dynamic';

export const GET = withErrors<{ traceId: string }>(async (_request, { params }) => {
  const traceId = normalizeTraceId((await params).traceId);
  if (!isValidTraceId(traceId)) throw new AppError('bad_request', 'traceId must be 32 hex characters', { details: { field: 'traceId' } });
  const db = await getDatabase();
  if (!(await traceExists(db, DEFAULT_TENANT, traceId))) throw new AppError('not_found', `No trace ${traceId} has been received`);
  return new Response(streamTraceSpans(db, DEFAULT_TENANT, traceId), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
});
