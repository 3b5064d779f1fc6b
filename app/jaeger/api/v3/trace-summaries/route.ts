// GET /jaeger/api/v3/trace-summaries?query.service_name=&… — Jaeger UI ≥ 2.19's search ({summaries: [...]}).
import { getDatabase } from '@/lib/server/db/get-database';
import { findTraceSummaries } from '@/lib/server/jaeger/find-trace-summaries';
import { jaegerRoute } from '@/lib/server/jaeger/jaeger-response';
import { parseJaegerV3Query } from '@/lib/server/jaeger/jaeger-v3-params';

export const dynamic = 'force-dynamic';

export const GET = jaegerRoute(async (request, _context, access) => {
  const query = parseJaegerV3Query(new URL(request.url).searchParams);
  const db = await getDatabase();
  return Response.json({ summaries: await findTraceSummaries(db.pool, access.tenant(), query) });
});
