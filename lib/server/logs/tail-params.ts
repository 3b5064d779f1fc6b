import 'server-only';
// Query parameters of /loki/api/v1/tail, as Loki reads them (loghttp.ParseTailQuery): query (a log query;
// metric queries cannot be tailed), limit (history lines, default 100), start (default an hour ago) and
// delay_for (whole seconds, at most 5).
import { AppError } from '../http/app-error';
import { rejectNulParameters } from '../http/param-checks';
import { limitParam, queryParam, timeRange } from './log-query-params';
import { parseLogQueryOrThrow } from './parse-log-query';
import type { TailRequest } from './loki-tail';

export const MAX_DELAY_FOR_SECONDS = 5;

export function tailRequestOf(url: URL, tenant: string): TailRequest {
  rejectNulParameters(url, undefined);
  const params = url.searchParams;
  const query = parseLogQueryOrThrow(queryParam(params));
  const raw = params.get('delay_for') ?? '';
  if (raw !== '' && !/^\d+$/.test(raw)) throw new AppError('bad_request', `delay_for: expected whole seconds, got "${raw.slice(0, 20)}"`);
  const delay = raw === '' ? 0 : Number(raw);
  if (delay > MAX_DELAY_FOR_SECONDS) throw new AppError('bad_request', `delay_for can't be greater than ${MAX_DELAY_FOR_SECONDS}`);
  return { tenant, query, limit: limitParam(params), startNs: timeRange(params).startNs, delayNs: BigInt(delay) * 1_000_000_000n };
}
