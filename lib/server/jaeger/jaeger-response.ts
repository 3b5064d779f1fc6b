import 'server-only';
// Jaeger's response envelope for success and failure: {data, total, limit, offset, errors}. Errors carry
// the HTTP status as `code` and the message as `msg`, which Grafana's Jaeger data source displays.
import type { JaegerResponse } from '@/lib/domain/jaeger/jaeger-types';
import { AppError } from '../http/app-error';
import { errorResponse, type RouteHandler } from '../http/route-handler';
import { guarded, type GuardedHandler } from '../auth/guarded';

export function jaegerJson<T>(data: T, total = Array.isArray(data) ? data.length : 0): Response {
  const body: JaegerResponse<T> = { data, total, limit: 0, offset: 0, errors: null };
  return Response.json(body);
}

export function jaegerError(status: number, message: string): Response {
  const body: JaegerResponse<null> = { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: status, msg: message }] };
  return Response.json(body, { status });
}

/** AppError as a Jaeger error; database outages and unexpected errors keep the shared mapping (503 / logged
 * 500), Jaeger-shaped. */
async function jaegerErrorResponse(error: unknown): Promise<Response> {
  if (error instanceof AppError) return jaegerError(error.status, error.message);
  const fallback = errorResponse(error);
  const body = (await fallback.json()) as { error: { message: string } };
  return jaegerError(fallback.status, body.error.message);
}

/** A Jaeger query route: viewer role, tenant chosen like every read route, errors in Jaeger's envelope. */
export function jaegerRoute<P extends Record<string, string>>(handler: GuardedHandler<P>): RouteHandler<P> {
  return guarded('viewer', handler, jaegerErrorResponse);
}
