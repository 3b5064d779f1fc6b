import 'server-only';
// The ?from=&to= window of the system-wide analysis endpoints. Each bound is unix nanoseconds as a decimal
// string, or an ISO-8601 instant; `to` defaults to now and `from` to one hour before `to`. Windows longer than
// a day are refused: these endpoints read raw spans.
import { z } from 'zod';
import { AppError } from '../http/app-error';
import { checkInstant } from '../http/param-checks';

export interface TimeWindow {
  fromUnixNano: bigint;
  toUnixNano: bigint;
}

const NS_PER_MS = 1_000_000n;
const HOUR_NS = 3_600_000_000_000n;
export const MAX_WINDOW_NS = 24n * HOUR_NS;

const instant = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (/^\d{1,20}$/.test(value)) return BigInt(value);
    const ms = Date.parse(value);
    if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'expected unix nanoseconds or an ISO-8601 instant' });
      return z.NEVER;
    }
    return BigInt(ms) * NS_PER_MS;
  });

export function parseTimeWindow(params: URLSearchParams, nowUnixNano: bigint = BigInt(Date.now()) * NS_PER_MS): TimeWindow {
  const read = (field: 'from' | 'to'): bigint | undefined => {
    const raw = params.get(field);
    if (raw === null || raw === '') return undefined;
    const parsed = instant.safeParse(raw);
    if (!parsed.success) throw new AppError('bad_request', `${field}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, { details: { field } });
    return checkInstant(field, parsed.data);
  };
  const toUnixNano = read('to') ?? nowUnixNano;
  const fromUnixNano = read('from') ?? toUnixNano - HOUR_NS;
  if (fromUnixNano >= toUnixNano) throw new AppError('bad_request', 'from: must be before to', { details: { field: 'from' } });
  if (toUnixNano - fromUnixNano > MAX_WINDOW_NS) throw new AppError('bad_request', 'from: the window may span at most 24 hours', { details: { field: 'from' } });
  return { fromUnixNano, toUnixNano };
}
