// GET /api/dependencies?from=&to= — service dependency graph of the spans that started in the window: edges
// with call count, error rate, p50/p99 latency, and `cycles` (strongly connected service groups).
import { DEFAULT_TENANT } from '@/lib/domain/model/span';
import { getDependencies } from '@/lib/server/analysis/get-dependencies';
import { parseTimeWindow } from '@/lib/server/analysis/time-window';
import { getDatabase } from '@/lib/server/db/get-database';
import { withErrors } from '@/lib/server/http/route-handler';
import { expensiveQuery } from '@/lib/server/http/query-admission';

export const dynamic = 'force-dynamic';

export const GET = withErrors(expensiveQuery(async (request) => {
  const window = parseTimeWindow(new URL(request.url).searchParams);
  const db = await getDatabase();
  return Response.json(await getDependencies(db.pool, DEFAULT_TENANT, window));
}));
