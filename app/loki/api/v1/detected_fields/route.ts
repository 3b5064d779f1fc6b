// GET /loki/api/v1/detected_fields?query=&start&end&line_limit&limit — fields of the newest matching lines
// ({fields: [{label, type, cardinality, parsers}], limit}, Logs Drilldown's field tabs).
import { getDatabase } from '@/lib/server/db/get-database';
import { guarded } from '@/lib/server/auth/guarded';
import { AppError } from '@/lib/server/http/app-error';
import { detectedFields } from '@/lib/server/logs/loki-index';
import { queryParam, requestParams, timeRange } from '@/lib/server/logs/log-query-params';
import { parseLogQueryOrThrow } from '@/lib/server/logs/parse-log-query';

export const dynamic = 'force-dynamic';

function bounded(params: URLSearchParams, names: string[], fallback: number, max: number): number {
  const raw = names.map((n) => params.get(n)).find((v) => v !== null && v !== '');
  if (raw === undefined || raw === null) return fallback;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1) throw new AppError('bad_request', `${names[0]}: expected a positive whole number, got "${raw.slice(0, 20)}"`);
  return Math.min(Number(raw), max);
}

export const GET = guarded('viewer', async (request, _context, access) => {
  const params = await requestParams(request);
  const query = parseLogQueryOrThrow(queryParam(params));
  const limits = { lines: bounded(params, ['line_limit'], 1000, 5000), fields: bounded(params, ['limit', 'field_limit'], 1000, 1000) };
  const db = await getDatabase();
  const fields = await detectedFields(db.pool, query, { tenant: access.tenant(), ...timeRange(params) }, limits);
  return Response.json({ fields, limit: limits.fields });
});
