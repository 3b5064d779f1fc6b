import 'server-only';
// Which write failures are caused by the rows themselves (so retrying the same rows fails again, and the
// request that sent them gets a 400) as opposed to the database or the connection (5xx, the client retries).
import { AppError } from '../http/app-error';

/**
 * PostgreSQL SQLSTATE classes 22 (data exception: bad encoding, out of range, invalid text), 23 (integrity
 * constraint) and 54 (program limit exceeded: index row too large, too many columns), and errors raised in
 * JavaScript while turning rows into a statement (RangeError, TypeError).
 */
export function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    return code.startsWith('22') || code.startsWith('23') || code.startsWith('54');
  }
  return error instanceof RangeError || error instanceof TypeError;
}

export function rowsRejectedError(error: unknown): AppError {
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError('bad_request', `The request's data cannot be stored: ${reason.slice(0, 300)}`, { cause: error });
}
