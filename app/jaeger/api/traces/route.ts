// GET /jaeger/api/traces?service=&operation=&tags=&minDuration=&maxDuration=&start=&end=&limit= — Jaeger
// trace search (start/end in unix microseconds, durations in Go syntax, tags as JSON or logfmt).
import { DEFAULT_TENANT } from '@/lib/domain/model/span';
import { getConfig } from '@/lib/server/config/load-config';
import { getDatabase } from '@/lib/server/db/get-database';
import { withStatementTimeout } from '@/lib/server/db/with-statement-timeout';
import { findJaegerTraces } from '@/lib/server/jaeger/find-jaeger-traces';
import { parseJaegerTraceQuery } from '@/lib/server/jaeger/jaeger-params';
import { jaegerJson, withJaegerErrors } from '@/lib/server/jaeger/jaeger-response';

export const dynamic = 'force-dynamic';

export const GET = withJaegerErrors(async (request) => {
  const query = parseJaegerTraceQuery(new URL(request.url).searchParams);
  const db = await getDatabase();
  const traces = await withStatementTimeout(db.pool, getConfig().QUERY_TIMEOUT_MS, (c) => findJaegerTraces(c, DEFAULT_TENANT, query));
  return jaegerJson(traces);
});
