import 'server-only';
// Shared wrapper for route handlers: turns AppError into `{ "error": { "code", "message", ...details } }`
// with the mapped status, database outages into 503, and anything else into a logged, generic 500.
import { AppError } from './app-error';
import { DatabaseUnavailableError } from '../db/database';
import { rejectNulParameters } from './param-checks';

export const BEARER_CHALLENGE = 'Bearer realm="tracehound"';

export type RouteContext<P extends Record<string, string> = Record<string, string>> = { params: Promise<P> };

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const headers: Record<string, string> = { ...error.headers };
    if (error.retryAfterSeconds !== undefined) headers['Retry-After'] = String(error.retryAfterSeconds);
    // RFC 9110: a 401 names the scheme the client should use.
    if (error.status === 401 && !headers['WWW-Authenticate']) headers['WWW-Authenticate'] = BEARER_CHALLENGE;
    return Response.json({ error: { code: error.code, message: error.message, ...error.details } }, { status: error.status, headers });
  }
  if (error instanceof DatabaseUnavailableError || isConnectionError(error)) {
    return Response.json({ error: { code: 'unavailable', message: 'The database is unavailable; try again shortly.' } }, { status: 503, headers: { 'Retry-After': '5' } });
  }
  // A data exception raised by PostgreSQL while running a read (a value out of range, malformed text, an
  // invalid regex) comes from the request's parameters: a 400, not a 500. Routes check their parameters first
  // and name them; this is the backstop.
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('22')) {
    return Response.json({ error: { code: 'bad_request', message: `A request parameter is out of range or malformed: ${(error as Error).message}` } }, { status: 400 });
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
export function withErrors<P extends Record<string, string>>(handler: RouteHandler<P>, toResponse: (error: unknown) => Response | Promise<Response> = errorResponse): RouteHandler<P> {
  return async (request, context) => {
    try {
      rejectNulParameters(new URL(request.url), context?.params ? await context.params : undefined);
      return await handler(request, context);
    } catch (error) {
      return toResponse(error);
    }
  };
}
