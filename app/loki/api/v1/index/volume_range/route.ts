// GET /loki/api/v1/index/volume_range?query={selector}&start&end&step&limit&targetLabels — bytes per label
// group per step, as a Prometheus matrix (Logs Drilldown's volume charts).
import { getDatabase } from '@/lib/server/db/get-database';
import { guarded } from '@/lib/server/auth/guarded';
import { indexVolumeRange, volumeLabels } from '@/lib/server/logs/loki-index';
import { limitParam, queryParam, requestParams, stepParam, timeRange } from '@/lib/server/logs/log-query-params';
import { parseLogQueryOrThrow } from '@/lib/server/logs/parse-log-query';

export const dynamic = 'force-dynamic';

export const GET = guarded('viewer', async (request, _context, access) => {
  const params = await requestParams(request);
  const query = parseLogQueryOrThrow(queryParam(params));
  const { startNs, endNs } = timeRange(params, 'end', false);
  const db = await getDatabase();
  const result = await indexVolumeRange(db.pool, query, {
    tenant: access.tenant(),
    startNs,
    endNs,
    stepNs: stepParam(params, startNs, endNs),
    limit: limitParam(params),
    labels: volumeLabels(query, params.get('targetLabels')),
  });
  return Response.json({ status: 'success', data: { resultType: 'matrix', result } });
});
