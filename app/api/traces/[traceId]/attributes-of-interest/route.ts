// GET /api/traces/{traceId}/attributes-of-interest — the status codes, database statements and peer services
// of one trace's spans (TraceAttributesOfInterest), for the /compare page's worker, which reads the rest of
// both traces from the binary skeleton. Tenant as GET /api/traces/{traceId}. 400 malformed id, 404 unknown trace.
import { isValidTraceId, normalizeTraceId } from '@/lib/domain/model/ids';
import { guarded } from '@/lib/server/auth/guarded';
import { readAttributesOfInterest } from '@/lib/server/compare/read-attributes-of-interest';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';

export const dynamic = 'force-dynamic';

export const GET = guarded<{ traceId: string }>('viewer', async (_request, { params }, access) => {
  const traceId = normalizeTraceId((await params).traceId);
  if (!isValidTraceId(traceId)) throw new AppError('bad_request', 'traceId must be 32 hex characters', { details: { field: 'traceId' } });
  const db = await getDatabase();
  const result = await readAttributesOfInterest(db.pool, access.tenant(), traceId);
  if (!result) throw new AppError('not_found', `No trace ${traceId} has been received`);
  return Response.json(result, { headers: { 'cache-control': 'no-store' } });
});
