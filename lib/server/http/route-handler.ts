import 'server-only';
// Shared wrapper for route handlers: turns AppError into `{ "error": { "code", "message", ...details } }`
// with the mapped status, database outages into 503, and anything else into a logged, generic 500.
import { AppError } from './app-error';
import { DatabaseUnavailableError } from '../db/database';

export type RouteContext<P extends Record<string, string> = Record<string, string>> = { params: Promise<P> };

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds !== undefined) headers['Retry-After'] = String(error.retryAfterSeconds);
    return Response.json({ error: { code: error.code, message: error.message, ...error.details } }, { status: error.status, headers });
  }
  if (error instanceof DatabaseUnavailableError || isConnectionError(error)) {
    return Response.json(
      { error: { code: 'unavailable', message: 'The database is unavailable; try again shortly.' } },
      { status: 503, headers: { 'Retry-After': '5' } },
    );
  }
  console.error('[api] unexpected error', error);
  return Response.json({ error: { code: 'internal', message: 'Internal server error' } }, { status: 500 });
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === '57P01' || code === '08006' || code === '08001';
}

export type RouteHandler<P extends Record<string, string>> = (request: Request, context: RouteContext<P>) => Promise<Response>;

/** Runs the handler and turns anything it throws into a response; `toResponse` lets an API family (Jaeger)
 * keep its own error envelope while sharing the catch. */
export function withErrors<P extends Record<string, string>>(
  handler: RouteHandler<P>,
  toResponse: (error: unknown) => Response | Promise<Response> = errorResponse,
): RouteHandler<P> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return toResponse(error);
    }
  };
}
