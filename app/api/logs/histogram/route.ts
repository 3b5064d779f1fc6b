// GET /api/logs/histogram — matching lines per time bucket over [start, end]. Params: query, start, end,
// since, buckets (default 60, max 500).
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { expensiveQuery } from '@/lib/server/http/query-admission';
import { guarded } from '@/lib/server/auth/guarded';
import { queryParam, requestParams, timeRange } from '@/lib/server/logs/log-query-params';
import { logsHistogram } from '@/lib/server/logs/logs-histogram';
import { parseLogQueryOrThrow } from '@/lib/server/logs/parse-log-query';

export const dynamic = 'force-dynamic';

export const GET = guarded(
  'viewer',
  expensiveQuery(async (request, _context, access) => {
    const params = await requestParams(request);
    const query = parseLogQueryOrThrow(queryParam(params));
    const raw = params.get('buckets') ?? '60';
    if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new AppError('bad_request', 'buckets: expected a positive whole number');
    const db = await getDatabase();
    return Response.json(await logsHistogram(db.pool, query, { tenant: access.tenant(), ...timeRange(params, 'end', false) }, Number(raw)));
  }),
);
