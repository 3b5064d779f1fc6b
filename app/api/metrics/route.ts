// GET /api/metrics?service=&name=&from=&to= — without `name`: the metrics reported in the window (name, kind,
// unit, description, services, point count); with `name`: that metric's series and points (value for gauges
// and sums, `data` for histograms and summaries, exemplars with their trace ids). Window as /api/dependencies.
import { parseTimeWindow } from '@/lib/server/analysis/time-window';
import { guarded } from '@/lib/server/auth/guarded';
import { getConfig } from '@/lib/server/config/load-config';
import { getDatabase } from '@/lib/server/db/get-database';
import { withStatementTimeout } from '@/lib/server/db/with-statement-timeout';
import { expensiveQuery } from '@/lib/server/http/query-admission';
import { getMetricSeries, listMetrics } from '@/lib/server/metrics/read-metrics';

export const dynamic = 'force-dynamic';

export const GET = guarded(
  'viewer',
  expensiveQuery(async (request, _context, access) => {
    const params = new URL(request.url).searchParams;
    const window = parseTimeWindow(params);
    const query = { tenant: access.tenant(), service: params.get('service') || null, ...window };
    const name = params.get('name');
    const db = await getDatabase();
    return withStatementTimeout(db.pool, getConfig().QUERY_TIMEOUT_MS, async (c) => {
      if (!name) return Response.json({ metrics: await listMetrics(c, query) });
      return Response.json({ name, ...(await getMetricSeries(c, query, name)) });
    });
  }),
);
