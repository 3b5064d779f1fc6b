// GET /api/logs/histogram — matching lines per time bucket over [start, end]. Params: query, start, end,
// since, buckets (default 60, max 500).
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { withErrors } from '@/lib/server/http/route-handler';
import { queryParam, requestParams, timeRange } from '@/lib/server/logs/log-query-params';
import { logsHistogram } from '@/lib/server/logs/logs-histogram';
import { parseLogQueryOrThrow } from '@/lib/server/logs/parse-log-query';
import { readTenant } from '@/lib/server/logs/read-tenant';
import { expensiveQuery } from '@/lib/server/http/query-admission';

export const dynamic = 'force-dynamic';

export const GET = withErrors(expensiveQuery(async (request) => {
  const params = await requestParams(request);
  const query = parseLogQueryOrThrow(queryParam(params));
  const raw = params.get('buckets') ?? '60';
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new AppError('bad_request', 'buckets: expected a positive whole number');
  const db = await getDatabase();
  return Response.json(await logsHistogram(db.pool, query, { tenant: readTenant(request), ...timeRange(params, 'end', false) }, Number(raw)));
}));
