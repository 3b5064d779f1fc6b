// GET /loki/api/v1/labels — label names of streams seen in [start, end] (default: the last hour), optionally
// only those of the streams matching `query` (a stream selector).
import { getDatabase } from '@/lib/server/db/get-database';
import { expensiveQuery } from '@/lib/server/http/query-admission';
import { guarded, type Access } from '@/lib/server/auth/guarded';
import { requestParams, timeRange } from '@/lib/server/logs/log-query-params';
import { listLabelNames } from '@/lib/server/logs/log-labels';
import { parseLogQueryOrThrow } from '@/lib/server/logs/parse-log-query';

export const dynamic = 'force-dynamic';

async function handle(request: Request, _context: unknown, access: Access): Promise<Response> {
  const params = await requestParams(request);
  const selector = params.get('query');
  const matchers = selector ? parseLogQueryOrThrow(selector).matchers : [];
  const db = await getDatabase();
  const names = await listLabelNames(db.pool, { tenant: access.tenant(), ...timeRange(params) }, matchers);
  return Response.json({ status: 'success', data: names });
}

export const GET = guarded('viewer', expensiveQuery(handle));
export const POST = guarded('viewer', expensiveQuery(handle));
