// GET /tempo/api/search?q=<TraceQL>&start=&end=&limit=&spss= — Tempo's search for Grafana's Tempo data source.
import { guarded } from '@/lib/server/auth/guarded';
import { getConfig } from '@/lib/server/config/load-config';
import { getDatabase } from '@/lib/server/db/get-database';
import { withStatementTimeout } from '@/lib/server/db/with-statement-timeout';
import { parseTempoSearch, tempoSearch } from '@/lib/server/tempo/tempo-search';

export const dynamic = 'force-dynamic';

export const GET = guarded('viewer', async (request, _context, access) => {
  const search = parseTempoSearch(new URL(request.url).searchParams);
  const db = await getDatabase();
  const result = await withStatementTimeout(db.pool, getConfig().QUERY_TIMEOUT_MS, (client) => tempoSearch(client, access.tenant(), search));
  return Response.json({ ...result, metrics: { inspectedTraces: result.traces.length, inspectedBytes: '0', completedJobs: 1, totalJobs: 1 } });
});
