// GET /loki/api/v1/detected_labels?query={selector}&start&end — stream label names with their cardinality
// ({detectedLabels: [{label, cardinality}]}, Logs Drilldown's label tabs). The selector is optional.
import { getDatabase } from '@/lib/server/db/get-database';
import { guarded } from '@/lib/server/auth/guarded';
import { detectedLabels } from '@/lib/server/logs/loki-index';
import { requestParams, timeRange } from '@/lib/server/logs/log-query-params';
import { parseLogQueryOrThrow } from '@/lib/server/logs/parse-log-query';

export const dynamic = 'force-dynamic';

export const GET = guarded('viewer', async (request, _context, access) => {
  const params = await requestParams(request);
  const text = params.get('query');
  const query = text && text.trim() !== '' && text.trim() !== '{}' ? parseLogQueryOrThrow(text) : { matchers: [], pipeline: [] };
  const db = await getDatabase();
  return Response.json({ detectedLabels: await detectedLabels(db.pool, query, { tenant: access.tenant(), ...timeRange(params) }) });
});
