// GET /jaeger/api/dependencies?endTs=&lookback= — service call graph (endTs, lookback in milliseconds;
// defaults: now, 24 h) as Jaeger dependency links {parent, child, callCount}.
import { getConfig } from '@/lib/server/config/load-config';
import { getDatabase } from '@/lib/server/db/get-database';
import { withStatementTimeout } from '@/lib/server/db/with-statement-timeout';
import { AppError } from '@/lib/server/http/app-error';
import { jaegerJson, jaegerRoute } from '@/lib/server/jaeger/jaeger-response';
import { chooseSample } from '@/lib/server/services/sample-traces';
import { serviceEdges } from '@/lib/server/services/service-graph';
import { expensiveQuery } from '@/lib/server/http/query-admission';
import { checkDuration, checkInstant } from '@/lib/server/http/param-checks';

export const dynamic = 'force-dynamic';

function millis(params: URLSearchParams, name: string, fallback: bigint): bigint {
  const text = params.get(name);
  if (text === null || text === '') return fallback;
  if (!/^\d{1,15}$/.test(text)) throw new AppError('bad_request', `${name} must be milliseconds`, { details: { field: name } });
  return BigInt(text);
}

export const GET = jaegerRoute(
  expensiveQuery(async (request, _context, access) => {
    const params = new URL(request.url).searchParams;
    const endMs = millis(params, 'endTs', BigInt(Date.now()));
    checkInstant('endTs', endMs * 1_000_000n);
    const lookbackMs = millis(params, 'lookback', 86_400_000n);
    checkDuration('lookback', lookbackMs * 1_000_000n);
    const db = await getDatabase();
    const window = { tenant: access.tenant(), fromNs: (endMs - lookbackMs) * 1_000_000n, toNs: endMs * 1_000_000n + 1n };
    // Call counts over long lookbacks are estimated from a trace sample (lib/server/services/sample-traces.ts).
    const edges = await withStatementTimeout(db.pool, getConfig().QUERY_TIMEOUT_MS, async (c) => serviceEdges(c, window, await chooseSample(c, window)));
    return jaegerJson(edges.map((e) => ({ parent: e.parent, child: e.child, callCount: e.calls })));
  }),
);
