// GET /loki/api/v1/index/volume?query={selector}&start&end&limit&targetLabels — bytes per label group over the
// range, largest first, as a Prometheus vector (Logs Drilldown's service list).
import { getDatabase } from '@/lib/server/db/get-database';
import { guarded } from '@/lib/server/auth/guarded';
import { indexVolume, volumeLabels } from '@/lib/server/logs/loki-index';
import { limitParam, queryParam, requestParams, timeRange } from '@/lib/server/logs/log-query-params';
import { parseLogQueryOrThrow } from '@/lib/server/logs/parse-log-query';

export const dynamic = 'force-dynamic';

export const GET = guarded('viewer', async (request, _context, access) => {
  const params = await requestParams(request);
  const query = parseLogQueryOrThrow(queryParam(params));
  const db = await getDatabase();
  const result = await indexVolume(db.pool, query, {
    tenant: access.tenant(),
    ...timeRange(params, 'end', false),
    limit: limitParam(params),
    labels: volumeLabels(query, params.get('targetLabels')),
  });
  return Response.json({ status: 'success', data: { resultType: 'vector', result } });
});
