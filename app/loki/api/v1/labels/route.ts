// GET /loki/api/v1/labels — label names of streams seen in [start, end] (default: the last hour), optionally
// only those of the streams matching `query` (a stream selector).
import { getDatabase } from '@/lib/server/db/get-database';
import { withErrors } from '@/lib/server/http/route-handler';
import { requestParams, timeRange } from '@/lib/server/logs/log-query-params';
import { listLabelNames } from '@/lib/server/logs/log-labels';
import { parseLogQueryOrThrow } from '@/lib/server/logs/parse-log-query';
import { readTenant } from '@/lib/server/logs/read-tenant';
import { expensiveQuery } from '@/lib/server/http/query-admission';

export const dynamic = 'force-dynamic';

async function handle(request: Request): Promise<Response> {
  const params = await requestParams(request);
  const selector = params.get('query');
  const matchers = selector ? parseLogQueryOrThrow(selector).matchers : [];
  const db = await getDatabase();
  const names = await listLabelNames(db.pool, { tenant: readTenant(request), ...timeRange(params) }, matchers);
  return Response.json({ status: 'success', data: names });
}

export const GET = withErrors(expensiveQuery(handle));
export const POST = withErrors(expensiveQuery(handle));
