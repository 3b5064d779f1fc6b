// GET /loki/api/v1/label/{name}/values — values of one label over streams seen in [start, end], optionally
// only streams matching `query`.
import { getDatabase } from '@/lib/server/db/get-database';
import { isValidLabelName } from '@/lib/domain/loki/label-string';
import { badParam } from '@/lib/server/http/param-checks';
import { withErrors, type RouteContext } from '@/lib/server/http/route-handler';
import { requestParams, timeRange } from '@/lib/server/logs/log-query-params';
import { listLabelValues } from '@/lib/server/logs/log-labels';
import { parseLogQueryOrThrow } from '@/lib/server/logs/parse-log-query';
import { readTenant } from '@/lib/server/logs/read-tenant';
import { expensiveQuery } from '@/lib/server/http/query-admission';

export const dynamic = 'force-dynamic';

async function handle(request: Request, context: RouteContext<{ name: string }>): Promise<Response> {
  const { name } = await context.params;
  if (!isValidLabelName(name)) throw badParam('name', `"${name.slice(0, 100)}" is not a label name ([a-zA-Z_][a-zA-Z0-9_]*)`);
  const params = await requestParams(request);
  const selector = params.get('query');
  const matchers = selector ? parseLogQueryOrThrow(selector).matchers : [];
  const db = await getDatabase();
  const values = await listLabelValues(db.pool, { tenant: readTenant(request), ...timeRange(params) }, name, matchers);
  return Response.json({ status: 'success', data: values });
}

export const GET = withErrors(expensiveQuery(handle));
export const POST = withErrors(expensiveQuery(handle));
