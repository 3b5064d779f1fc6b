import 'server-only';
// The affected time window: both ends are unix ns (decimal strings, int8 range); the start is not after the end.
import { AppError } from '../http/app-error';

const INT8_MAX = 9_223_372_036_854_775_807n;

export function checkWindow(start: string | null, end: string | null): void {
  for (const [field, value] of [
    ['windowStartUnixNano', start],
    ['windowEndUnixNano', end],
  ] as const) {
    if (value !== null && BigInt(value) > INT8_MAX) throw new AppError('bad_request', `${field}: out of range`, { details: { field } });
  }
  if (start !== null && end !== null && BigInt(start) > BigInt(end)) {
    throw new AppError('bad_request', 'windowStartUnixNano: must not be after windowEndUnixNano', { details: { field: 'windowStartUnixNano' } });
  }
}
