// GET /loki/api/v1/index/stats?query={selector}&start&end — {streams, chunks, entries, bytes} (Grafana's query
// size estimate). Only the stream selector counts, as in Loki.
import { getDatabase } from '@/lib/server/db/get-database';
import { guarded } from '@/lib/server/auth/guarded';
import { indexStats } from '@/lib/server/logs/loki-index';
import { queryParam, requestParams, timeRange } from '@/lib/server/logs/log-query-params';
import { parseLogQueryOrThrow } from '@/lib/server/logs/parse-log-query';

export const dynamic = 'force-dynamic';

export const GET = guarded('viewer', async (request, _context, access) => {
  const params = await requestParams(request);
  const query = parseLogQueryOrThrow(queryParam(params));
  const db = await getDatabase();
  return Response.json(await indexStats(db.pool, query, { tenant: access.tenant(), ...timeRange(params) }));
});
