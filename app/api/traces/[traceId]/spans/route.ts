// GET /api/traces/{traceId}/spans[?view=skeleton] — the whole trace for the trace page, streamed and built for
// traces of 500k spans: compact JSON (WireTrace, lib/domain/waterfall/waterfall-wire.ts), or with
// view=skeleton the rows-only first load in binary (lib/domain/waterfall/skeleton-binary.ts). With
// ?ids=<span id>,<span id>,… (at most MAX_SPAN_IDS) only those spans, in the same JSON shape: the details of a few
// spans (one span: …/spans/{spanId}). Tenant from X-Scope-OrgID (as GET /api/traces/{traceId}). 400 for a
// malformed trace or span id, 404 when the trace is unknown.
import { isValidSpanId, isValidTraceId, normalizeTraceId } from '@/lib/domain/model/ids';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { guarded } from '@/lib/server/auth/guarded';
import { SKELETON_CONTENT_TYPE } from '@/lib/domain/waterfall/skeleton-binary';
import { streamTraceSkeleton } from '@/lib/server/traces/stream-trace-skeleton';
import { MAX_SPAN_IDS, streamTraceSpans, traceStart } from '@/lib/server/traces/stream-trace-spans';

export const dynamic = 'force-dynamic';

export const GET = guarded<{ traceId: string }>('viewer', async (request, { params }, access) => {
  const traceId = normalizeTraceId((await params).traceId);
  if (!isValidTraceId(traceId)) throw new AppError('bad_request', 'traceId must be 32 hex characters', { details: { field: 'traceId' } });
  const db = await getDatabase();
  const search = new URL(request.url).searchParams;
  const view = search.get('view') ?? 'full';
  if (view !== 'full' && view !== 'skeleton') throw new AppError('bad_request', 'view must be "full" or "skeleton"', { details: { field: 'view' } });
  const ids = search.has('ids') ? parseSpanIds(search.get('ids')!) : undefined;
  if (ids && view === 'skeleton') throw new AppError('bad_request', 'ids cannot be combined with view=skeleton', { details: { field: 'ids' } });
  const tenant = access.tenant();
  const base = await traceStart(db, tenant, traceId);
  if (base === null) throw new AppError('not_found', `No trace ${traceId} has been received`);
  if (view === 'skeleton') {
    return new Response(streamTraceSkeleton(db, tenant, traceId, base), {
      headers: { 'content-type': SKELETON_CONTENT_TYPE, 'cache-control': 'no-store' },
    });
  }
  return new Response(streamTraceSpans(db, tenant, traceId, base, ids), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
});

/** `ids`: comma-separated span ids (16 hex characters, any case), 1 to MAX_SPAN_IDS of them. */
function parseSpanIds(text: string): string[] {
  const ids = [...new Set(text.split(',').map((id) => id.trim().toLowerCase()))];
  const bad = ids.find((id) => !isValidSpanId(id));
  if (bad !== undefined) throw new AppError('bad_request', `ids: ${JSON.stringify(bad.slice(0, 40))} is not a span id (16 hex characters, not all zero)`, { details: { field: 'ids' } });
  if (ids.length > MAX_SPAN_IDS) throw new AppError('bad_request', `ids: at most ${MAX_SPAN_IDS} span ids per request`, { details: { field: 'ids' } });
  return ids;
}
