// GET /api/skew?from=&to= — host clock offsets (offset ± error bound, samples) estimated from the
// CLIENT→SERVER pairs of the spans that started in the window. from/to: unix ns or ISO-8601; default last hour.
import { getSkewTable } from '@/lib/server/analysis/get-skew-table';
import { parseTimeWindow } from '@/lib/server/analysis/time-window';
import { getConfig } from '@/lib/server/config/load-config';
import { getDatabase } from '@/lib/server/db/get-database';
import { expensiveQuery } from '@/lib/server/http/query-admission';
import { guarded } from '@/lib/server/auth/guarded';

export const dynamic = 'force-dynamic';

export const GET = guarded(
  'viewer',
  expensiveQuery(async (request, _context, access) => {
    const window = parseTimeWindow(new URL(request.url).searchParams);
    const db = await getDatabase();
    return Response.json(await getSkewTable(db.pool, access.tenant(), window, getConfig().SKEW_WARN_MS));
  }),
);
