// GET /api/compare/sets?selection=<TraceQL>&from=&to=&baseline=<TraceQL>&baselineFrom=&baselineTo= — a
// selection of traces against a baseline: per-operation count, error rate and p50/p95/p99 in each set, and the
// attribute values that separate the selection, computed in PostgreSQL (lib/server/compare/compare-sets.ts).
import { guarded } from '@/lib/server/auth/guarded';
import { compareSets } from '@/lib/server/compare/compare-sets';
import { parseCompareSetsParams } from '@/lib/server/compare/compare-sets-params';
import { getConfig } from '@/lib/server/config/load-config';
import { getDatabase } from '@/lib/server/db/get-database';
import { withStatementTimeout } from '@/lib/server/db/with-statement-timeout';
import { runPositioned } from '@/lib/server/search/search-traces';

export const dynamic = 'force-dynamic';

export const GET = guarded('viewer', async (request, _context, access) => {
  const { selection, baseline } = parseCompareSetsParams(new URL(request.url).searchParams);
  const tenant = access.tenant();
  const db = await getDatabase();
  const result = await runPositioned([], () => withStatementTimeout(db.pool, getConfig().QUERY_TIMEOUT_MS, (q) => compareSets(q, tenant, selection, baseline)));
  return Response.json(result);
});
