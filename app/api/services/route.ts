// GET /api/services?from=&to= — service map (nodes, edges with call count / error count / p50 / p99,
// cycles) and per-service request stats for a window (RFC 3339 or unix ns; default: the last hour).
import { getConfig } from '@/lib/server/config/load-config';
import { getDatabase } from '@/lib/server/db/get-database';
import { withStatementTimeout } from '@/lib/server/db/with-statement-timeout';
import { AppError } from '@/lib/server/http/app-error';
import { guarded } from '@/lib/server/auth/guarded';
import { instantParam } from '@/lib/server/search/search-params';
import { buildServiceMap } from '@/lib/server/services/build-service-map';
import { expensiveQuery } from '@/lib/server/http/query-admission';

export const dynamic = 'force-dynamic';

/** Sparkline buckets multiply offsets within the window by 30 in int8: a year keeps that far from overflow. */
const MAX_SERVICES_WINDOW_NS = 366n * 86_400_000_000_000n;

export const GET = guarded(
  'viewer',
  expensiveQuery(async (request, _context, access) => {
    const params = new URL(request.url).searchParams;
    const toNs = instantParam(params, 'to', BigInt(Date.now()) * 1_000_000n);
    const fromNs = instantParam(params, 'from', toNs - 3_600_000_000_000n);
    if (fromNs >= toNs) throw new AppError('bad_request', 'from must be before to', { details: { field: 'from' } });
    if (toNs - fromNs > MAX_SERVICES_WINDOW_NS) throw new AppError('bad_request', 'from: the window may span at most 366 days', { details: { field: 'from' } });
    const db = await getDatabase();
    const map = await withStatementTimeout(db.pool, getConfig().QUERY_TIMEOUT_MS, (c) => buildServiceMap(c, { tenant: access.tenant(), fromNs, toNs }));
    return Response.json(map);
  }),
);
