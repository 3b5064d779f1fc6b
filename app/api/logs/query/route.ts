// GET /api/logs/query — like /loki/api/v1/query_range but returns LogLine rows (labels, metadata, trace and
// span ids, severity kept apart) for the logs page.
import { getDatabase } from '@/lib/server/db/get-database';
import { expensiveQuery } from '@/lib/server/http/query-admission';
import { guarded } from '@/lib/server/auth/guarded';
import { directionParam, limitParam, queryParam, requestParams, timeRange } from '@/lib/server/logs/log-query-params';
import { parseLogQueryOrThrow } from '@/lib/server/logs/parse-log-query';
import { queryLogs } from '@/lib/server/logs/query-logs';

export const dynamic = 'force-dynamic';

export const GET = guarded(
  'viewer',
  expensiveQuery(async (request, _context, access) => {
    const params = await requestParams(request);
    const query = parseLogQueryOrThrow(queryParam(params));
    const db = await getDatabase();
    const lines = await queryLogs(
      db.pool,
      query,
      { tenant: access.tenant(), ...timeRange(params) },
      {
        limit: limitParam(params),
        direction: directionParam(params),
      },
    );
    return Response.json({ lines });
  }),
);
