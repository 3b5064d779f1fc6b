// GET /jaeger/api/traces?service=&operation=&tags=&minDuration=&maxDuration=&start=&end=&limit= — Jaeger
// trace search (start/end in unix microseconds, durations in Go syntax, tags as JSON or logfmt).
// GET /jaeger/api/traces?traceID=a&traceID=b — several traces by id (Jaeger UI's compare view).
import { toJaegerTrace } from '@/lib/domain/jaeger/to-jaeger-trace';
import { isValidTraceId, normalizeTraceId } from '@/lib/domain/model/ids';
import { getConfig } from '@/lib/server/config/load-config';
import { getDatabase } from '@/lib/server/db/get-database';
import { withStatementTimeout } from '@/lib/server/db/with-statement-timeout';
import { AppError } from '@/lib/server/http/app-error';
import { findJaegerTraces } from '@/lib/server/jaeger/find-jaeger-traces';
import { parseJaegerTraceQuery } from '@/lib/server/jaeger/jaeger-params';
import { jaegerJson, jaegerRoute } from '@/lib/server/jaeger/jaeger-response';
import { loadTraceSpans } from '@/lib/server/jaeger/load-trace-spans';
import { expensiveQuery } from '@/lib/server/http/query-admission';

export const dynamic = 'force-dynamic';

const MAX_IDS = 100;

export const GET = jaegerRoute(
  expensiveQuery(async (request, _context, access) => {
    const params = new URL(request.url).searchParams;
    const db = await getDatabase();
    const requestedIds = params.getAll('traceID').map(normalizeTraceId);
    if (requestedIds.length > 0) {
      if (requestedIds.length > MAX_IDS || !requestedIds.every(isValidTraceId)) {
        throw new AppError('bad_request', `traceID must be up to ${MAX_IDS} ids of 16 or 32 hex characters`, { details: { field: 'traceID' } });
      }
      const spans = await loadTraceSpans(db.pool, access.tenant(), requestedIds);
      return jaegerJson(requestedIds.flatMap((id) => (spans.has(id) ? [toJaegerTrace(id, spans.get(id) ?? [])] : [])));
    }
    const query = parseJaegerTraceQuery(params);
    const traces = await withStatementTimeout(db.pool, getConfig().QUERY_TIMEOUT_MS, (c) => findJaegerTraces(c, access.tenant(), query));
    return jaegerJson(traces);
  }),
);
