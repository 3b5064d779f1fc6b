// GET /api/logs/query — like /loki/api/v1/query_range but returns LogLine rows (labels, metadata, trace and
// span ids, severity kept apart) for the logs page.
import { getDatabase } from '@/lib/server/db/get-database';
import { withErrors } from '@/lib/server/http/route-handler';
import { directionParam, limitParam, queryParam, requestParams, timeRange } from '@/lib/server/logs/log-query-params';
import { parseLogQueryOrThrow } from '@/lib/server/logs/parse-log-query';
import { queryLogs } from '@/lib/server/logs/query-logs';
import { readTenant } from '@/lib/server/logs/read-tenant';
import { expensiveQuery } from '@/lib/server/http/query-admission';

export const dynamic = 'force-dynamic';

export const GET = withErrors(expensiveQuery(async (request) => {
  const params = await requestParams(request);
  const query = parseLogQueryOrThrow(queryParam(params));
  const db = await getDatabase();
  const lines = await queryLogs(db.pool, query, { tenant: readTenant(request), ...timeRange(params) }, {
    limit: limitParam(params),
    direction: directionParam(params),
  });
  return Response.json({ lines });
}));
