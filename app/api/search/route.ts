// GET /api/search?q=<TraceQL>&from=&to=&limit=&cursor= — traces matching a TraceQL-subset query, newest
// first. Malformed queries get 400 {"error":{"code","message","position"}}.
import { getConfig } from '@/lib/server/config/load-config';
import { getDatabase } from '@/lib/server/db/get-database';
import { withStatementTimeout } from '@/lib/server/db/with-statement-timeout';
import { guarded } from '@/lib/server/auth/guarded';
import { parseSearchParams } from '@/lib/server/search/search-params';
import { parseSearchQuery, searchTraces } from '@/lib/server/search/search-traces';
import { expensiveQuery } from '@/lib/server/http/query-admission';

export const dynamic = 'force-dynamic';

export const GET = guarded(
  'viewer',
  expensiveQuery(async (request, _context, access) => {
    const params = parseSearchParams(new URL(request.url).searchParams, access.tenant());
    // Reject malformed queries before taking a database connection.
    parseSearchQuery(params.query);
    const db = await getDatabase();
    const result = await withStatementTimeout(db.pool, getConfig().QUERY_TIMEOUT_MS, (client) => searchTraces(client, params));
    return Response.json(result);
  }),
);
