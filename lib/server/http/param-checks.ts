import 'server-only';
// Checks shared by every read route (issue #19): a bad parameter is a 400 that names it, never a database
// error. Instants and durations must fit PostgreSQL's int8 nanoseconds, and no parameter may carry NUL
// (PostgreSQL text cannot hold it, so it would fail inside the query).
import { AppError } from './app-error';

export const MAX_INT8 = 9_223_372_036_854_775_807n;
/**
 * Latest accepted instant: a day short of what a unix-nanosecond int8 holds (2262-04-11T23:47:16Z), so that
 * windows derived from it (an inclusive end + 1 ns, end + a step) cannot overflow either.
 */
export const MAX_INSTANT_NS = MAX_INT8 - 86_400_000_000_000n;

export function badParam(name: string, message: string): AppError {
  return new AppError('bad_request', `${name}: ${message}`, { details: { field: name } });
}

/** An instant in unix ns: between 1970-01-01 and 2262-04-11 (what the int8 nanosecond columns hold). */
export function checkInstant(name: string, ns: bigint): bigint {
  if (ns < 0n || ns > MAX_INSTANT_NS) throw badParam(name, 'out of range (instants must lie between 1970-01-01 and 2262-04-10)');
  return ns;
}

/** A duration in ns that, added to any stored instant, stays within int8 (at most 100 years). */
export const MAX_DURATION_NS = 100n * 366n * 86_400_000_000_000n;

export function checkDuration(name: string, ns: bigint): bigint {
  if (ns < 0n || ns > MAX_DURATION_NS) throw badParam(name, 'out of range (durations may be at most 100 years)');
  return ns;
}

/** 400 for a NUL in any query parameter (name or value) or route parameter, naming the parameter. */
export function rejectNulParameters(url: URL, routeParams: Record<string, unknown> | undefined): void {
  for (const [key, value] of url.searchParams) {
    if (key.includes('\0')) throw badParam(key.replaceAll('\0', '\\0'), 'parameter names must not contain NUL characters');
    if (value.includes('\0')) throw badParam(key, 'must not contain NUL characters');
  }
  for (const [key, value] of Object.entries(routeParams ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === 'string' && v.includes('\0'))) throw badParam(key, 'must not contain NUL characters');
  }
}
