// GET /api/traces/{traceId}/find?q=text — the ids of the trace's spans with an attribute whose `key=value` text
// contains q (case-insensitive): find-in-trace over attribute values, which the trace page does not hold
// (names, services and span ids it matches itself). Streams {"traceId", "spanIds": [...]}. Tenant from
// X-Scope-OrgID. 400 for a malformed id or a missing/too long q, 404 when the trace is unknown.
import { isValidTraceId, normalizeTraceId } from '@/lib/domain/model/ids';
import { findQueryText } from '@/lib/domain/waterfall/attribute-find';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { guarded } from '@/lib/server/auth/guarded';
import { streamAttributeMatches } from '@/lib/server/traces/stream-attribute-matches';
import { traceStart } from '@/lib/server/traces/stream-trace-spans';

export const dynamic = 'force-dynamic';

const MAX_QUERY_LENGTH = 500;

export const GET = guarded<{ traceId: string }>('viewer', async (request, { params }, access) => {
  const traceId = normalizeTraceId((await params).traceId);
  if (!isValidTraceId(traceId)) throw new AppError('bad_request', 'traceId must be 32 hex characters', { details: { field: 'traceId' } });
  const q = findQueryText(new URL(request.url).searchParams.get('q') ?? '');
  if (q === '') throw new AppError('bad_request', 'q (the text to find) is required', { details: { field: 'q' } });
  if (q.length > MAX_QUERY_LENGTH) throw new AppError('bad_request', `q is longer than ${MAX_QUERY_LENGTH} characters`, { details: { field: 'q' } });
  const db = await getDatabase();
  const tenant = access.tenant();
  const base = await traceStart(db, tenant, traceId);
  if (base === null) throw new AppError('not_found', `No trace ${traceId} has been received`);
  return new Response(streamAttributeMatches(db, tenant, traceId, base, q), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
});
