// GET|POST /loki/api/v1/query_range — LogQL over [start, end] in Loki's response shapes: log queries →
// resultType "streams" (params: limit, direction); count_over_time / sum by (...) (count_over_time(...)) →
// resultType "matrix" (param: step). Unsupported LogQL → 400 naming the part.
import { getDatabase } from '@/lib/server/db/get-database';
import { expensiveQuery } from '@/lib/server/http/query-admission';
import { guarded, type Access } from '@/lib/server/auth/guarded';
import { directionParam, limitParam, queryParam, requestParams, stepParam, timeRange } from '@/lib/server/logs/log-query-params';
import { lokiStreamsResponse } from '@/lib/server/logs/loki-streams-response';
import { parseLogqlExprOrThrow } from '@/lib/server/logs/parse-log-query';
import { queryLogMetric } from '@/lib/server/logs/query-log-metric';
import { queryLogs } from '@/lib/server/logs/query-logs';

export const dynamic = 'force-dynamic';

async function handle(request: Request, _context: unknown, access: Access): Promise<Response> {
  const params = await requestParams(request);
  const expr = parseLogqlExprOrThrow(queryParam(params));
  const tenant = access.tenant();
  const db = await getDatabase();
  if (expr.kind === 'metric') {
    const { startNs, endNs } = timeRange(params, 'end', false);
    const stepNs = stepParam(params, startNs, endNs);
    const result = await queryLogMetric(db.pool, expr.metric, { tenant, startNs, endNs, stepNs });
    return Response.json({ status: 'success', data: { resultType: 'matrix', result, stats: {} } });
  }
  const direction = directionParam(params);
  const lines = await queryLogs(db.pool, expr.query, { tenant, ...timeRange(params) }, { limit: limitParam(params), direction });
  return Response.json(lokiStreamsResponse(lines, direction));
}

export const GET = guarded('viewer', expensiveQuery(handle));
export const POST = guarded('viewer', expensiveQuery(handle));
