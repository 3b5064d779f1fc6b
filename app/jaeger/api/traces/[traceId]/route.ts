// GET /jaeger/api/traces/{traceId} — one whole trace in Jaeger's model, streamed (memory stays at one batch of
// spans however large the trace); 16-hex ids are left-padded.
import { isValidTraceId, normalizeTraceId } from '@/lib/domain/model/ids';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { streamJaegerTrace } from '@/lib/server/jaeger/stream-jaeger-trace';
import { jaegerRoute } from '@/lib/server/jaeger/jaeger-response';

export const dynamic = 'force-dynamic';

export const GET = jaegerRoute<{ traceId: string }>(async (_request, context, access) => {
  const traceId = normalizeTraceId((await context.params).traceId);
  if (!isValidTraceId(traceId)) throw new AppError('bad_request', 'traceId must be 16 or 32 hex characters', { details: { field: 'traceId' } });
  const db = await getDatabase();
  const stream = await streamJaegerTrace(db.pool, access.tenant(), traceId);
  if (!stream) throw new AppError('not_found', 'trace not found');
  return new Response(stream, { headers: { 'Content-Type': 'application/json' } });
});
