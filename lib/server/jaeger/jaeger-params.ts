import 'server-only';
// Query parameters of GET /jaeger/api/traces (Jaeger's HTTP query API): service (required), operation,
// tags (JSON or logfmt), minDuration/maxDuration (Go durations), start/end (unix microseconds), limit.
import { parseJaegerDuration } from '@/lib/domain/jaeger/parse-jaeger-duration';
import { parseJaegerTags, type JaegerSearch } from '@/lib/domain/jaeger/jaeger-query';
import { AppError } from '../http/app-error';
import { checkDuration, checkInstant } from '../http/param-checks';

export interface JaegerTraceQuery {
  search: JaegerSearch;
  fromNs: bigint;
  toNs: bigint;
  limit: number;
}

const HOUR_NS = 3_600_000_000_000n;
export const JAEGER_DEFAULT_LIMIT = 20;
export const JAEGER_MAX_LIMIT = 1_500;
/** Each tag becomes up to four SQL predicates; bounded like TraceQL's condition cap. */
const MAX_TAGS = 16;

function bad(field: string, message: string): AppError {
  return new AppError('bad_request', message, { details: { field } });
}

function micros(params: URLSearchParams, name: string): bigint | undefined {
  const text = params.get(name);
  if (text === null || text === '') return undefined;
  if (!/^\d{1,17}$/.test(text)) throw bad(name, `${name} must be unix microseconds`);
  return checkInstant(name, BigInt(text) * 1_000n);
}

function duration(params: URLSearchParams, name: string): bigint | undefined {
  const text = params.get(name);
  if (text === null || text === '') return undefined;
  const ns = parseJaegerDuration(text);
  if (ns === null) throw bad(name, `${name} must be a duration such as 100ms, 1.5s or 1m30s`);
  return checkDuration(name, ns);
}

export function parseJaegerTraceQuery(params: URLSearchParams, nowNs: bigint = BigInt(Date.now()) * 1_000_000n): JaegerTraceQuery {
  const service = params.get('service');
  if (!service) throw bad('service', 'service is required');
  const tags = parseJaegerTags(params.get('tags'));
  if (tags === null) throw bad('tags', 'tags must be a JSON object {"key":"value"} or key=value pairs');
  if (Object.keys(tags).length > MAX_TAGS) throw bad('tags', `at most ${MAX_TAGS} tags`);
  const operation = params.get('operation') ?? undefined;
  const minDurationNs = duration(params, 'minDuration');
  const maxDurationNs = duration(params, 'maxDuration');
  // end is inclusive in Jaeger; our windows are half-open, so extend by one nanosecond.
  const toNs = (micros(params, 'end') ?? nowNs) + 1n;
  const fromNs = micros(params, 'start') ?? toNs - HOUR_NS;
  if (fromNs >= toNs) throw bad('start', 'start must be before end');
  const limitText = params.get('limit');
  let limit = JAEGER_DEFAULT_LIMIT;
  if (limitText) {
    if (!/^\d{1,6}$/.test(limitText) || Number(limitText) < 1) throw bad('limit', 'limit must be a positive whole number');
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
