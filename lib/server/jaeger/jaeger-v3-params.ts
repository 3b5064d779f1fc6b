import 'server-only';
// Query parameters of Jaeger's v3 FindTraces / trace-summaries (grpc-gateway names, as Jaeger UI 2.20's v3
// client sends them): query.service_name (required), query.span_name, query.attributes (JSON or key=value
// pairs), query.start_time_min / query.start_time_max (RFC 3339), query.duration_min / query.duration_max (Go
// durations), query.num_traces. Same search as the v1-style API (jaeger-params.ts), other names.
import { parseInstant } from '@/lib/domain/time/parse-instant';
import { AppError } from '../http/app-error';
import { checkInstant } from '../http/param-checks';
import { parseJaegerQuery, type JaegerQueryNames, type JaegerTraceQuery } from './jaeger-params';

const V3_NAMES: JaegerQueryNames = {
  service: 'query.service_name',
  operation: 'query.span_name',
  tags: 'query.attributes',
  minDuration: 'query.duration_min',
  maxDuration: 'query.duration_max',
  start: 'query.start_time_min',
  end: 'query.start_time_max',
  limit: 'query.num_traces',
};

function rfc3339(params: URLSearchParams, name: string): bigint | undefined {
  const text = params.get(name);
  if (text === null || text.trim() === '') return undefined;
  const ns = parseInstant(text);
  if (ns === null) throw new AppError('bad_request', `${name} must be an RFC 3339 time such as 2026-11-28T10:00:00Z`, { details: { field: name } });
  return checkInstant(name, ns);
}

export function parseJaegerV3Query(params: URLSearchParams, nowNs: bigint = BigInt(Date.now()) * 1_000_000n): JaegerTraceQuery {
  return parseJaegerQuery(params, V3_NAMES, rfc3339, nowNs);
}
