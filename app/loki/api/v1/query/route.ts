// GET|POST /loki/api/v1/query — instant LogQL query at `time` (default now), Loki's response shapes: log
// queries → "streams" (lines in the hour up to `time`); metric expressions → "vector", or "scalar" for
// scalar expressions. Grafana's Loki "Save & test" is the instant query vector(1)+vector(1).
import { getDatabase } from '@/lib/server/db/get-database';
import { expensiveQuery } from '@/lib/server/http/query-admission';
import { guarded, type Access } from '@/lib/server/auth/guarded';
import { directionParam, limitParam, queryParam, requestParams, timeRange } from '@/lib/server/logs/log-query-params';
import { lokiStreamsResponse } from '@/lib/server/logs/loki-streams-response';
import { parseLogqlExprOrThrow } from '@/lib/server/logs/parse-log-query';
import { queryLogMetric } from '@/lib/server/logs/query-log-metric';
import { queryLogs } from '@/lib/server/logs/query-logs';

export const dynamic = 'force-dynamic';

async function handle(request: Request, _context: unknown, access: Access): Promise<Response> {
  const params = await requestParams(request);
  const expr = parseLogqlExprOrThrow(queryParam(params));
  params.delete('start');
  const range = timeRange(params, 'time', false);
  const tenant = access.tenant();
  const db = await getDatabase();
  if (expr.kind === 'metric') {
    const at = range.endNs;
    const value = await queryLogMetric(db.pool, expr.expr, { tenant, startNs: at, endNs: at, stepNs: 1_000_000_000n });
    if (value.kind === 'scalar') return Response.json({ status: 'success', data: { resultType: 'scalar', result: value.values[0], stats: {} } });
    const result = value.series.map((s) => ({ metric: s.metric, value: s.values[0] }));
    return Response.json({ status: 'success', data: { resultType: 'vector', result, stats: {} } });
  }
  const direction = directionParam(params);
  const lines = await queryLogs(db.pool, expr.query, { tenant, startNs: range.startNs, endNs: range.endNs + 1n }, { limit: limitParam(params), direction });
  return Response.json(lokiStreamsResponse(lines, direction));
}

export const GET = guarded('viewer', expensiveQuery(handle));
export const POST = guarded('viewer', expensiveQuery(handle));
