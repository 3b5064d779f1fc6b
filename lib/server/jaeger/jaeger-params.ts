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

/** Where a Jaeger API version keeps each search parameter (v1: `service`, v3: `query.service_name`, …). */
export interface JaegerQueryNames {
  service: string;
  operation: string;
  tags: string;
  minDuration: string;
  maxDuration: string;
  start: string;
  end: string;
  limit: string;
}

const V1_NAMES: JaegerQueryNames = {
  service: 'service',
  operation: 'operation',
  tags: 'tags',
  minDuration: 'minDuration',
  maxDuration: 'maxDuration',
  start: 'start',
  end: 'end',
  limit: 'limit',
};

/** One search, whatever the API version calls its parameters and writes its times in (`readInstant`). */
export function parseJaegerQuery(params: URLSearchParams, names: JaegerQueryNames, readInstant: (params: URLSearchParams, name: string) => bigint | undefined, nowNs: bigint): JaegerTraceQuery {
  const service = params.get(names.service);
  if (!service) throw bad(names.service, `${names.service} is required`);
  const tags = parseJaegerTags(params.get(names.tags));
  if (tags === null) throw bad(names.tags, `${names.tags} must be a JSON object {"key":"value"} or key=value pairs`);
  if (Object.keys(tags).length > MAX_TAGS) throw bad(names.tags, `${names.tags}: at most ${MAX_TAGS} tags`);
  const operation = params.get(names.operation) || undefined;
  const minDurationNs = duration(params, names.minDuration);
  const maxDurationNs = duration(params, names.maxDuration);
  // The end is inclusive in Jaeger; our windows are half-open, so extend by one nanosecond.
  const toNs = (readInstant(params, names.end) ?? nowNs) + 1n;
  const fromNs = readInstant(params, names.start) ?? toNs - HOUR_NS;
  if (fromNs >= toNs) throw bad(names.start, `${names.start} must be before ${names.end}`);
  const limitText = params.get(names.limit);
  let limit = JAEGER_DEFAULT_LIMIT;
  if (limitText) {
    if (!/^\d{1,6}$/.test(limitText) || Number(limitText) < 1) throw bad(names.limit, `${names.limit} must be a positive whole number`);
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

export function parseJaegerTraceQuery(params: URLSearchParams, nowNs: bigint = BigInt(Date.now()) * 1_000_000n): JaegerTraceQuery {
  return parseJaegerQuery(params, V1_NAMES, micros, nowNs);
}
