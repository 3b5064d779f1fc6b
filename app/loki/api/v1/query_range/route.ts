// GET|POST /loki/api/v1/query_range — LogQL log query over [start, end] (Loki's response shape, resultType
// "streams"). Params: query, start, end, since, limit, direction. Unsupported LogQL → 400 naming the part.
import { getDatabase } from '@/lib/server/db/get-database';
import { withErrors } from '@/lib/server/http/route-handler';
import { directionParam, limitParam, queryParam, requestParams, timeRange } from '@/lib/server/logs/log-query-params';
import { lokiStreamsResponse } from '@/lib/server/logs/loki-streams-response';
import { parseLogQueryOrThrow } from '@/lib/server/logs/parse-log-query';
import { queryLogs } from '@/lib/server/logs/query-logs';
import { readTenant } from '@/lib/server/logs/read-tenant';

export const dynamic = 'force-dynamic';

async function handle(request: Request): Promise<Response> {
  const params = await requestParams(request);
  const query = parseLogQueryOrThrow(queryParam(params));
  const direction = directionParam(params);
  const range = timeRange(params);
  const db = await getDatabase();
  const lines = await queryLogs(db.pool, query, { tenant: readTenant(request), ...range }, { limit: limitParam(params), direction });
  return Response.json(lokiStreamsResponse(lines, direction));
}

export const GET = withErrors(handle);
export const POST = withErrors(handle);
