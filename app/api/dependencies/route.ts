// GET /api/dependencies?from=&to= — service dependency graph of the spans that started in the window: edges
// with call count, error rate, p50/p99 latency, and `cycles` (strongly connected service groups).
import { getDependencies } from '@/lib/server/analysis/get-dependencies';
import { parseTimeWindow } from '@/lib/server/analysis/time-window';
import { getDatabase } from '@/lib/server/db/get-database';
import { expensiveQuery } from '@/lib/server/http/query-admission';
import { guarded } from '@/lib/server/auth/guarded';

export const dynamic = 'force-dynamic';

export const GET = guarded(
  'viewer',
  expensiveQuery(async (request, _context, access) => {
    const window = parseTimeWindow(new URL(request.url).searchParams);
    const db = await getDatabase();
    return Response.json(await getDependencies(db.pool, access.tenant(), window));
  }),
);
