// GET /api/traces/{traceId}/spans/{spanId} — one span's full details (attributes, events, links, status, its
// resource) in the JSON shape of GET /api/traces/{traceId}/spans (WireTrace with this one span): what the trace
// page's detail panel asks for, instead of downloading every span's attributes. Tenant from X-Scope-OrgID.
// 400 for a malformed trace or span id, 404 when the trace or the span is unknown.
import { isValidSpanId, isValidTraceId, normalizeTraceId } from '@/lib/domain/model/ids';
import type { WireTrace } from '@/lib/domain/waterfall/waterfall-wire';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { guarded } from '@/lib/server/auth/guarded';
import { streamTraceSpans, traceStart } from '@/lib/server/traces/stream-trace-spans';

export const dynamic = 'force-dynamic';

export const GET = guarded<{ traceId: string; spanId: string }>('viewer', async (_request, { params }, access) => {
  const { traceId: rawTrace, spanId: rawSpan } = await params;
  const traceId = normalizeTraceId(rawTrace);
  if (!isValidTraceId(traceId)) throw new AppError('bad_request', 'traceId must be 32 hex characters', { details: { field: 'traceId' } });
  const spanId = rawSpan.trim().toLowerCase();
  if (!isValidSpanId(spanId)) throw new AppError('bad_request', 'spanId must be 16 hex characters, not all zero', { details: { field: 'spanId' } });
  const db = await getDatabase();
  const tenant = access.tenant();
  const base = await traceStart(db, tenant, traceId);
  if (base === null) throw new AppError('not_found', `No trace ${traceId} has been received`);
  // One primary-key lookup: read whole (a few kB at most) so an unknown span can still be a 404.
  const body = await new Response(streamTraceSpans(db, tenant, traceId, base, [spanId])).text();
  if ((JSON.parse(body) as WireTrace).spans.length === 0) throw new AppError('not_found', `Trace ${traceId} has no span ${spanId}`);
  return new Response(body, { headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
});
