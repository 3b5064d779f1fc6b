// Next evaluates a module once per bundle, so an error thrown by a process-wide object may come from another
// copy of its class. Here a second copy is a fresh evaluation of the same modules (vi.resetModules).
import { describe, expect, it, vi } from 'vitest';
import { AppError } from './app-error';
import { errorResponse } from './route-handler';
import { DatabaseUnavailableError } from '../db/database';
import { ReplayRefusedError } from '../replay/safe-send';

async function secondCopy() {
  vi.resetModules();
  const appError = await import('./app-error');
  const database = await import('../db/database');
  expect(appError.AppError).not.toBe(AppError);
  return { AppError: appError.AppError, DatabaseUnavailableError: database.DatabaseUnavailableError };
}

describe('errors thrown by another copy of their module', () => {
  it("keep their status: a copy's 429 is a 429, not a logged 500", async () => {
    const copy = await secondCopy();
    const error = new copy.AppError('too_many_requests', 'The span write pipeline is saturated; retry later.', { retryAfterSeconds: 1 });
    expect(error instanceof AppError).toBe(true);
    const response = errorResponse(error);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('too_many_requests');
  });

  it("a copy's database outage is a 503", async () => {
    const copy = await secondCopy();
    const error = new copy.DatabaseUnavailableError('down');
    expect(error instanceof DatabaseUnavailableError).toBe(true);
    expect(errorResponse(error).status).toBe(503);
  });

  it('other errors are not AppErrors, and a subclass still checks its own prototype', () => {
    expect(new Error('x') instanceof AppError).toBe(false);
    expect({ code: 'too_many_requests' } instanceof AppError).toBe(false);
    expect(new AppError('bad_request', 'x') instanceof ReplayRefusedError).toBe(false);
    expect(new ReplayRefusedError('x') instanceof ReplayRefusedError).toBe(true);
    expect(new ReplayRefusedError('x') instanceof AppError).toBe(true);
    expect(errorResponse(new Error('boom')).status).toBe(500);
  });
});
