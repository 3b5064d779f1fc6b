import 'server-only';
// Query-string parameters of the log query endpoints (Loki's names): query, start, end, since, time, limit,
// direction, step/buckets. Defaults as in Loki: end = now, start = end - since (1h), limit 100,
// direction backward. GET query strings and POSTed forms are read alike.
import { parseLokiDurationNs, parseLokiTime } from '@/lib/domain/loki/parse-loki-time';
import { AppError } from '../http/app-error';
import { badParam, checkDuration, checkInstant, rejectNulParameters } from '../http/param-checks';
import type { Direction } from './query-logs';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 5000;
const HOUR_NS = 3_600_000_000_000n;
const MAX_POINTS = 11_000;

export async function requestParams(request: Request): Promise<URLSearchParams> {
  const params = new URL(request.url).searchParams;
  if (request.method === 'POST' && (request.headers.get('content-type') ?? '').includes('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(await request.text());
    // Form fields replace query-string ones; repeated fields (match[]) are kept.
    for (const k of new Set(form.keys())) params.delete(k);
    for (const [k, v] of form) params.append(k, v);
    rejectNulParameters(new URL(`http://form/?${form.toString()}`), undefined);
  }
  return params;
}

function time(params: URLSearchParams, name: string): bigint | null {
  const raw = params.get(name);
  if (raw === null || raw === '') return null;
  const ns = parseLokiTime(raw);
  if (ns === null) throw new AppError('bad_request', `${name}: expected unix seconds/nanoseconds or RFC 3339, got "${raw.slice(0, 40)}"`, { details: { field: name } });
  return checkInstant(name, ns);
}

export function timeRange(params: URLSearchParams, endName = 'end', inclusiveEnd = true): { startNs: bigint; endNs: bigint } {
  const endNs = time(params, endName) ?? BigInt(Date.now()) * 1_000_000n;
  const sinceRaw = params.get('since');
  const since = sinceRaw ? parseLokiDurationNs(sinceRaw) : HOUR_NS;
  if (since === null) throw badParam('since', `expected a duration like 1h or 30m, got "${sinceRaw?.slice(0, 40)}"`);
  checkDuration('since', since);
  const startNs = time(params, 'start') ?? endNs - since;
  if (startNs < 0n) throw badParam('since', 'reaches back before 1970-01-01');
  if (startNs >= endNs) throw badParam('start', 'must be before end');
  // Loki's line queries include `end`; scopes are half-open, so add 1ns. Histograms keep [start, end) so
  // buckets divide the range evenly.
  return { startNs, endNs: inclusiveEnd ? endNs + 1n : endNs };
}

export function limitParam(params: URLSearchParams): number {
  const raw = params.get('limit');
  if (raw === null || raw === '') return DEFAULT_LIMIT;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new AppError('bad_request', `limit: expected a positive whole number, got "${raw.slice(0, 20)}"`);
  return Math.min(Number(raw), MAX_LIMIT);
}

export function directionParam(params: URLSearchParams): Direction {
  const raw = (params.get('direction') ?? 'backward').toLowerCase();
  if (raw !== 'backward' && raw !== 'forward') throw new AppError('bad_request', `direction: expected "backward" or "forward", got "${raw.slice(0, 20)}"`);
  return raw;
}

export function queryParam(params: URLSearchParams): string {
  const q = params.get('query');
  if (!q || q.trim() === '') throw new AppError('bad_request', 'query: a LogQL query is required, e.g. {app="api"}');
  return q;
}

/** Loki's `step` (duration like 15s, or seconds); default max(1s, (end - start) / 250) as Loki does. */
export function stepParam(params: URLSearchParams, startNs: bigint, endNs: bigint): bigint {
  const raw = params.get('step');
  if (raw === null || raw === '') {
    const auto = (endNs - startNs) / 250n;
    return auto > 1_000_000_000n ? (auto / 1_000_000_000n) * 1_000_000_000n : 1_000_000_000n;
  }
  const ns = parseLokiDurationNs(raw);
  if (ns === null || ns <= 0n) throw badParam('step', `expected a duration like 15s or seconds, got "${raw.slice(0, 20)}"`);
  checkDuration('step', ns);
  // Loki's own limit: a range query returns at most 11,000 points per series.
  if ((endNs - startNs) / ns > MAX_POINTS)
    throw badParam('step', `too small for the range (at most ${MAX_POINTS} points; use a step of at least ${(endNs - startNs) / BigInt(MAX_POINTS) / 1_000_000_000n + 1n}s)`);
  return ns;
}
