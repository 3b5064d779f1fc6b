// GET|POST /loki/api/v1/series?match[]={...}&start&end — label sets of the streams matching any selector
// (Grafana's label browser uses it).
import { getDatabase } from '@/lib/server/db/get-database';
import { expensiveQuery } from '@/lib/server/http/query-admission';
import { guarded, type Access } from '@/lib/server/auth/guarded';
import { requestParams, timeRange } from '@/lib/server/logs/log-query-params';
import { listSeries } from '@/lib/server/logs/log-labels';
import { parseLogQueryOrThrow } from '@/lib/server/logs/parse-log-query';

export const dynamic = 'force-dynamic';

async function handle(request: Request, _context: unknown, access: Access): Promise<Response> {
  const params = await requestParams(request);
  const selectors = [...params.getAll('match[]'), ...params.getAll('match')].map((s) => parseLogQueryOrThrow(s).matchers);
  const db = await getDatabase();
  const series = await listSeries(db.pool, { tenant: access.tenant(), ...timeRange(params) }, selectors);
  return Response.json({ status: 'success', data: series });
}

export const GET = guarded('viewer', expensiveQuery(handle));
export const POST = guarded('viewer', expensiveQuery(handle));
