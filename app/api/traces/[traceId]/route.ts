// GET /api/traces/{traceId} — a stored trace as the compact TracePayload JSON; ?format=otlp returns it as an
// OTLP JSON ExportTraceServiceRequest. Tenant from X-Scope-OrgID. 400 malformed id, 404 unknown id.
import { isValidTraceId, normalizeTraceId } from '@/lib/domain/model/ids';
import { encodeOtlpJsonTrace } from '@/lib/domain/otlp/encode-otlp-json';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { withErrors, type RouteContext } from '@/lib/server/http/route-handler';
import { tenantOf } from '@/lib/server/ingest/ingest-request';
import { readTrace } from '@/lib/server/traces/read-trace';

export const dynamic = 'force-dynamic';

export const GET = withErrors(async (request: Request, context: RouteContext<{ traceId: string }>) => {
  const { traceId: raw } = await context.params;
  const traceId = normalizeTraceId(decodeURIComponent(raw));
  if (!isValidTraceId(traceId)) throw new AppError('bad_request', 'traceId must be 32 (or 16) hex characters and not all zero.');
  const format = new URL(request.url).searchParams.get('format');
  if (format !== null && format !== 'otlp') throw new AppError('bad_request', 'format must be "otlp" or absent.');
  const trace = await readTrace((await getDatabase()).pool, tenantOf(request), traceId);
  if (!trace) throw new AppError('not_found', `Trace ${traceId} not found.`);
  return Response.json(format === 'otlp' ? encodeOtlpJsonTrace(trace) : trace);
});
