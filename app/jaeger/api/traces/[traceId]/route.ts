// GET /jaeger/api/traces/{traceId} — one whole trace in Jaeger's model; 16-hex ids are left-padded.
import { isValidTraceId, normalizeTraceId } from '@/lib/domain/model/ids';
import { toJaegerTrace } from '@/lib/domain/jaeger/to-jaeger-trace';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { loadTraceSpans } from '@/lib/server/jaeger/load-trace-spans';
import { jaegerJson, jaegerRoute } from '@/lib/server/jaeger/jaeger-response';

export const dynamic = 'force-dynamic';

export const GET = jaegerRoute<{ traceId: string }>(async (_request, context, access) => {
  const traceId = normalizeTraceId((await context.params).traceId);
  if (!isValidTraceId(traceId)) throw new AppError('bad_request', 'traceId must be 16 or 32 hex characters', { details: { field: 'traceId' } });
  const db = await getDatabase();
  const spans = (await loadTraceSpans(db.pool, access.tenant(), [traceId])).get(traceId);
  if (!spans) throw new AppError('not_found', 'trace not found');
  return jaegerJson([toJaegerTrace(traceId, spans)]);
});
