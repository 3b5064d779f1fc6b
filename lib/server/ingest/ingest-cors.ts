import 'server-only';
// Cross-origin rules of the ingest routes (issue #19). A web page must not be able to write telemetry:
// * only the documented content types are accepted (415 otherwise), so the "simple" requests a page can send
//   without a CORS preflight (text/plain, forms) are refused;
// * a request from a browser (it carries Origin) is refused with 403 before its body is read unless the origin
//   is the app's own or listed in CORS_ALLOWED_ORIGINS;
// * listed origins (the OpenTelemetry browser SDK's pages) get CORS: preflights are answered and responses
//   carry Access-Control-Allow-Origin. Servers, collectors and SDKs outside browsers send no Origin.
import { getConfig } from '../config/load-config';
import { AppError } from '../http/app-error';

const ALLOWED_HEADERS = 'Content-Type, Content-Encoding, Authorization, X-Scope-OrgID';

/** The page is the app's own: its origin's host is the one the request was sent to (Host, or the proxy's). */
function sameOrigin(request: Request, origin: string): boolean {
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}

function listed(origin: string, allowed: readonly string[]): boolean {
  return allowed.includes(origin) || allowed.includes('*');
}

/** 403 for a browser request from an origin that may not write here. */
export function checkIngestOrigin(request: Request, allowed: readonly string[] = getConfig().CORS_ALLOWED_ORIGINS): void {
  const origin = request.headers.get('origin');
  if (origin === null || sameOrigin(request, origin) || listed(origin, allowed)) return;
  throw new AppError('forbidden', `Origin ${origin.slice(0, 200)} may not send telemetry here; list it in CORS_ALLOWED_ORIGINS.`);
}

/** CORS response headers for a listed origin (none otherwise: the browser then withholds the response). */
export function corsHeaders(request: Request, allowed: readonly string[] = getConfig().CORS_ALLOWED_ORIGINS): Record<string, string> {
  const origin = request.headers.get('origin');
  if (origin === null || !listed(origin, allowed)) return {};
  return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin', 'Access-Control-Expose-Headers': 'Retry-After' };
}

/** OPTIONS: the preflight the OTel browser exporters send before posting JSON or protobuf. */
export function ingestPreflight(request: Request): Response {
  const headers = corsHeaders(request);
  if (!headers['Access-Control-Allow-Origin']) return new Response(null, { status: 403, headers: { Vary: 'Origin' } });
  return new Response(null, {
    status: 204,
    headers: { ...headers, 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': ALLOWED_HEADERS, 'Access-Control-Max-Age': '600' },
  });
}

/** Wraps an ingest handler: origin check first, CORS headers on every answer (errors too). */
export function withIngestCors<A extends unknown[]>(handler: (request: Request, ...rest: A) => Promise<Response>): (request: Request, ...rest: A) => Promise<Response> {
  return async (request, ...rest) => {
    const response = await handler(request, ...rest);
    for (const [k, v] of Object.entries(corsHeaders(request))) response.headers.set(k, v);
    return response;
  };
}
