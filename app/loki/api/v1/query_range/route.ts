// GET|POST /loki/api/v1/query_range — LogQL over [start, end] in Loki's response shapes: log queries →
// resultType "streams" (params: limit, direction); metric expressions → resultType "matrix" (param: step),
// samples in time order. Unsupported LogQL → 400 naming the part.
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
    const value = await queryLogMetric(db.pool, expr.expr, { tenant, startNs, endNs, stepNs });
    // A scalar over a range is one series without labels, as in Prometheus.
    const result = value.kind === 'scalar' ? [{ metric: {}, values: value.values }] : value.series;
    return Response.json({ status: 'success', data: { resultType: 'matrix', result, stats: {} } });
  }
  const direction = directionParam(params);
  const lines = await queryLogs(db.pool, expr.query, { tenant, ...timeRange(params) }, { limit: limitParam(params), direction });
  return Response.json(lokiStreamsResponse(lines, direction));
}

export const GET = guarded('viewer', expensiveQuery(handle));
export const POST = guarded('viewer', expensiveQuery(handle));
