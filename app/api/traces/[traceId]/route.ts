// GET /api/traces/{traceId} — a stored trace as the compact TracePayload JSON; ?format=otlp returns it as an
// OTLP JSON ExportTraceServiceRequest (&download=1 as an attachment). Tenant from X-Scope-OrgID. 400 malformed id, 404 unknown id.
import { isValidTraceId, normalizeTraceId } from '@/lib/domain/model/ids';
import { encodeOtlpJsonTrace } from '@/lib/domain/otlp/encode-otlp-json';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { guarded } from '@/lib/server/auth/guarded';
import { readTrace } from '@/lib/server/traces/read-trace';
import { streamTraceJson } from '@/lib/server/traces/read-trace-json';

export const dynamic = 'force-dynamic';

function notFound(traceId: string): AppError {
  return new AppError('not_found', `Trace ${traceId} not found.`);
}

export const GET = guarded<{ traceId: string }>('viewer', async (request, context, access) => {
  const { traceId: raw } = await context.params;
  const traceId = normalizeTraceId(raw);
  if (!isValidTraceId(traceId)) throw new AppError('bad_request', 'traceId must be 32 (or 16) hex characters and not all zero.');
  const format = new URL(request.url).searchParams.get('format');
  if (format !== null && format !== 'otlp') throw new AppError('bad_request', 'format must be "otlp" or absent.');
  const db = (await getDatabase()).pool;
  const tenant = access.tenant();
  if (format === 'otlp') {
    const trace = await readTrace(db, tenant, traceId);
    if (!trace) throw notFound(traceId);
    // ?download=1: the trace page's "Download OTLP JSON" link saves it as a file.
    const download = new URL(request.url).searchParams.get('download') === '1';
    return Response.json(encodeOtlpJsonTrace(trace), download ? { headers: { 'content-disposition': `attachment; filename="trace-${traceId}.json"` } } : undefined);
  }
  // The compact payload is rendered by Postgres and streamed through a cursor (read-trace-json.ts): memory stays
  // at one batch however large the trace.
  const stream = await streamTraceJson(db, tenant, traceId);
  if (stream === null) throw notFound(traceId);
  return new Response(stream, { headers: { 'Content-Type': 'application/json' } });
});
