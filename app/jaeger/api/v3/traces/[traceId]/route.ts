// GET /jaeger/api/v3/traces/{traceId} — Jaeger's v3 GetTrace: OTLP TracesData (hex ids, decimal-string times,
// numeric enums) in grpc-gateway's envelope {result: TracesData}, as Jaeger UI's v3 client reads it.
import { isValidTraceId, normalizeTraceId } from '@/lib/domain/model/ids';
import { encodeOtlpJsonTrace } from '@/lib/domain/otlp/encode-otlp-json';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { jaegerRoute } from '@/lib/server/jaeger/jaeger-response';
import { readTrace } from '@/lib/server/traces/read-trace';

export const dynamic = 'force-dynamic';

export const GET = jaegerRoute<{ traceId: string }>(async (_request, context, access) => {
  const traceId = normalizeTraceId((await context.params).traceId);
  if (!isValidTraceId(traceId)) throw new AppError('bad_request', 'traceId must be 16 or 32 hex characters', { details: { field: 'traceId' } });
  const db = await getDatabase();
  const trace = await readTrace(db.pool, access.tenant(), traceId);
  if (!trace) throw new AppError('not_found', 'trace not found');
  return Response.json({ result: encodeOtlpJsonTrace(trace) });
});
