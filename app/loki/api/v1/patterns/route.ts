// GET /loki/api/v1/patterns?query={selector}&start&end&step — line patterns with counts per step
// ({status, data: [{pattern, samples: [[unix s, count]]}]}, Logs Drilldown's patterns tab), from the newest
// 5,000 matching lines; patterns are token-based, not Loki's Drain miner (lib/domain/logql/line-patterns.ts).
import { getDatabase } from '@/lib/server/db/get-database';
import { guarded } from '@/lib/server/auth/guarded';
import { linePatterns } from '@/lib/server/logs/loki-index';
import { queryParam, requestParams, stepParam, timeRange } from '@/lib/server/logs/log-query-params';
import { parseLogQueryOrThrow } from '@/lib/server/logs/parse-log-query';

export const dynamic = 'force-dynamic';

const SAMPLE_LINES = 5000;
const MAX_PATTERNS = 300;

export const GET = guarded('viewer', async (request, _context, access) => {
  const params = await requestParams(request);
  const query = parseLogQueryOrThrow(queryParam(params));
  const { startNs, endNs } = timeRange(params);
  const db = await getDatabase();
  const data = await linePatterns(db.pool, query, {
    tenant: access.tenant(),
    startNs,
    endNs,
    stepNs: stepParam(params, startNs, endNs),
    lines: SAMPLE_LINES,
    limit: MAX_PATTERNS,
  });
  return Response.json({ status: 'success', data });
});
