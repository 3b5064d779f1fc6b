import 'server-only';
// Query parameters of Jaeger's v3 FindTraces / trace-summaries (grpc-gateway names, as Jaeger UI 2.20's v3
// client sends them): query.service_name (required), query.span_name, query.attributes (JSON or key=value
// pairs), query.start_time_min / query.start_time_max (RFC 3339), query.duration_min / query.duration_max (Go
// durations), query.num_traces. Same search as the v1-style API (jaeger-params.ts), other names.
import { parseJaegerDuration } from '@/lib/domain/jaeger/parse-jaeger-duration';
import { parseJaegerTags } from '@/lib/domain/jaeger/jaeger-query';
import { parseInstant } from '@/lib/domain/time/parse-instant';
import { AppError } from '../http/app-error';
import { JAEGER_DEFAULT_LIMIT, JAEGER_MAX_LIMIT, type JaegerTraceQuery } from './jaeger-params';

const HOUR_NS = 3_600_000_000_000n;
const MAX_ATTRIBUTES = 16;

function bad(field: string, message: string): AppError {
  return new AppError('bad_request', message, { details: { field } });
}

function instant(params: URLSearchParams, name: string): bigint | undefined {
  const text = params.get(name);
  if (text === null || text.trim() === '') return undefined;
  const ns = parseInstant(text);
  if (ns === null) throw bad(name, `${name} must be an RFC 3339 time such as 2026-11-28T10:00:00Z`);
  return ns;
}

function duration(params: URLSearchParams, name: string): bigint | undefined {
  const text = params.get(name);
  if (text === null || text === '') return undefined;
  const ns = parseJaegerDuration(text);
  if (ns === null) throw bad(name, `${name} must be a duration such as 100ms, 1.5s or 1m30s`);
  return ns;
}

export function parseJaegerV3Query(params: URLSearchParams, nowNs: bigint = BigInt(Date.now()) * 1_000_000n): JaegerTraceQuery {
  const service = params.get('query.service_name');
  if (!service) throw bad('query.service_name', 'query.service_name is required');
  const tags = parseJaegerTags(params.get('query.attributes'));
  if (tags === null) throw bad('query.attributes', 'query.attributes must be a JSON object {"key":"value"} or key=value pairs');
  if (Object.keys(tags).length > MAX_ATTRIBUTES) throw bad('query.attributes', `at most ${MAX_ATTRIBUTES} attributes`);
  const operation = params.get('query.span_name') || undefined;
  const minDurationNs = duration(params, 'query.duration_min');
  const maxDurationNs = duration(params, 'query.duration_max');
  const toNs = (instant(params, 'query.start_time_max') ?? nowNs) + 1n;
  const fromNs = instant(params, 'query.start_time_min') ?? toNs - HOUR_NS;
  if (fromNs >= toNs) throw bad('query.start_time_min', 'query.start_time_min must be before query.start_time_max');
  const limitText = params.get('query.num_traces');
  let limit = JAEGER_DEFAULT_LIMIT;
  if (limitText) {
    if (!/^\d{1,6}$/.test(limitText) || Number(limitText) < 1) throw bad('query.num_traces', 'query.num_traces must be a positive whole number');
    limit = Math.min(Number(limitText), JAEGER_MAX_LIMIT);
  }
  return {
    search: {
      service,
      ...(operation ? { operation } : {}),
      tags,
      ...(minDurationNs !== undefined ? { minDurationNs } : {}),
      ...(maxDurationNs !== undefined ? { maxDurationNs } : {}),
    },
    fromNs,
    toNs,
    limit,
  };
}
