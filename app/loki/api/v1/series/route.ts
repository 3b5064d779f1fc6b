// GET|POST /loki/api/v1/series?match[]={...}&start&end — label sets of the streams matching any selector
// (Grafana's label browser uses it).
import { getDatabase } from '@/lib/server/db/get-database';
import { withErrors } from '@/lib/server/http/route-handler';
import { requestParams, timeRange } from '@/lib/server/logs/log-query-params';
import { listSeries } from '@/lib/server/logs/log-labels';
import { parseLogQueryOrThrow } from '@/lib/server/logs/parse-log-query';
import { readTenant } from '@/lib/server/logs/read-tenant';
import { expensiveQuery } from '@/lib/server/http/query-admission';

export const dynamic = 'force-dynamic';

async function handle(request: Request): Promise<Response> {
  const params = await requestParams(request);
  const selectors = [...params.getAll('match[]'), ...params.getAll('match')].map((s) => parseLogQueryOrThrow(s).matchers);
  const db = await getDatabase();
  const series = await listSeries(db.pool, { tenant: readTenant(request), ...timeRange(params) }, selectors);
  return Response.json({ status: 'success', data: series });
}

export const GET = withErrors(expensiveQuery(handle));
export const POST = withErrors(expensiveQuery(handle));
