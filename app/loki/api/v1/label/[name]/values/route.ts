// GET /loki/api/v1/label/{name}/values — values of one label over streams seen in [start, end], optionally
// only streams matching `query`.
import { getDatabase } from '@/lib/server/db/get-database';
import { guarded, type Access } from '@/lib/server/auth/guarded';
import type { RouteContext } from '@/lib/server/http/route-handler';
import { requestParams, timeRange } from '@/lib/server/logs/log-query-params';
import { listLabelValues } from '@/lib/server/logs/log-labels';
import { parseLogQueryOrThrow } from '@/lib/server/logs/parse-log-query';

export const dynamic = 'force-dynamic';

async function handle(request: Request, context: RouteContext<{ name: string }>, access: Access): Promise<Response> {
  const { name } = await context.params;
  const params = await requestParams(request);
  const selector = params.get('query');
  const matchers = selector ? parseLogQueryOrThrow(selector).matchers : [];
  const db = await getDatabase();
  const values = await listLabelValues(db.pool, { tenant: access.tenant(), ...timeRange(params) }, decodeURIComponent(name), matchers);
  return Response.json({ status: 'success', data: values });
}

export const GET = guarded('viewer', handle);
export const POST = guarded('viewer', handle);
