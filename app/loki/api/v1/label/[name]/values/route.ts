// GET /loki/api/v1/label/{name}/values — values of one label over streams seen in [start, end], optionally
// only streams matching `query`.
import { getDatabase } from '@/lib/server/db/get-database';
import { expensiveQuery } from '@/lib/server/http/query-admission';
import { guarded, type Access } from '@/lib/server/auth/guarded';
import type { RouteContext } from '@/lib/server/http/route-handler';
import { requestParams, timeRange } from '@/lib/server/logs/log-query-params';
import { listLabelValues } from '@/lib/server/logs/log-labels';
import { parseLogQueryOrThrow } from '@/lib/server/logs/parse-log-query';
import { isValidLabelName } from '@/lib/domain/loki/label-string';
import { badParam } from '@/lib/server/http/param-checks';

export const dynamic = 'force-dynamic';

async function handle(request: Request, context: RouteContext<{ name: string }>, access: Access): Promise<Response> {
  const { name } = await context.params;
  if (!isValidLabelName(name)) throw badParam('name', `"${name.slice(0, 100)}" is not a label name ([a-zA-Z_][a-zA-Z0-9_]*)`);
  const params = await requestParams(request);
  const selector = params.get('query');
  const matchers = selector ? parseLogQueryOrThrow(selector).matchers : [];
  const db = await getDatabase();
  const values = await listLabelValues(db.pool, { tenant: access.tenant(), ...timeRange(params) }, name, matchers);
  return Response.json({ status: 'success', data: values });
}

export const GET = guarded('viewer', expensiveQuery(handle));
export const POST = guarded('viewer', expensiveQuery(handle));
