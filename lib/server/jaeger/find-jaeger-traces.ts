import 'server-only';
// Jaeger trace search: the parameters become a TraceQL selector (an AST), searched like /api/search, and the
// matched traces are loaded whole and mapped to Jaeger's model.
import { jaegerSearchToTraceQL } from '@/lib/domain/jaeger/jaeger-query';
import { toJaegerTrace } from '@/lib/domain/jaeger/to-jaeger-trace';
import type { JaegerTrace } from '@/lib/domain/jaeger/jaeger-types';
import type { Queryable } from '../db/queryable';
import { searchSpansets } from '../search/search-traces';
import type { JaegerTraceQuery } from './jaeger-params';
import { loadTraceSpans } from './load-trace-spans';

export async function findJaegerTraces(db: Queryable, tenant: string, query: JaegerTraceQuery): Promise<JaegerTrace[]> {
  const result = await searchSpansets(db, jaegerSearchToTraceQL(query.search), {
    tenant,
    fromNs: query.fromNs,
    toNs: query.toNs,
    limit: query.limit,
  });
  const ids = result.traces.map((t) => t.traceId);
  const spans = await loadTraceSpans(db, tenant, ids);
  return ids.flatMap((id) => {
    const list = spans.get(id);
    return list ? [toJaegerTrace(id, list)] : [];
  });
}
