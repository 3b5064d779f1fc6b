// Runs before routing, with two jobs:
// - a path with a malformed percent-escape (`/api/traces/%ff`, a lone `%`) is answered here with the API's JSON
//   400 and the security headers; past this point the framework would fail to decode the dynamic segment and
//   answer a bare 500;
// - a path with a trailing slash is redirected to the path without it (Next's own redirect is off, see
//   next.config.ts; the ingest paths are excluded below and served with the slash);
// - every page gets a fresh CSP nonce (Next puts it on its own scripts; no inline script runs without it) and
//   the security headers. Pages are rendered dynamically (the root layout reads the session), which nonces
//   require. API routes are JSON and skip this.
// The ingest routes have no dynamic segments and are left out (no cost on the hot path), as are static assets.
import { NextResponse, type NextRequest } from 'next/server';

const SECURITY_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin', 'X-Frame-Options': 'DENY' };
const API_PREFIXES = ['/api/', '/jaeger/', '/loki/', '/tempo/', '/v1/'];

function malformedSegment(url: string): string | null {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  const end = url.search(/[?#]/);
  const path = start < 0 ? '' : url.slice(start, end < 0 ? undefined : end);
  if (!path.includes('%')) return null;
  for (const segment of path.split('/')) {
    try {
      decodeURIComponent(segment);
    } catch {
      return segment;
    }
  }
  return null;
}

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV === 'development';
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? ` 'unsafe-eval'` : ''}`,
    // React's style attributes (bar positions, widths) are inline styles; scripts stay nonce-only.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' blob: data:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `worker-src 'self' blob:`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}

export function proxy(request: NextRequest): NextResponse | undefined {
  const segment = malformedSegment(request.url);
  if (segment !== null) {
    const message = `The path segment "${segment.slice(0, 100)}" is not valid percent-encoded UTF-8.`;
    return NextResponse.json({ error: { code: 'bad_request', message, field: 'path' } }, { status: 400, headers: SECURITY_HEADERS });
  }
  // next.config.ts turns off Next's own trailing-slash redirect so the ingest paths can be served with a
  // slash; every other path is redirected as before.
  const { pathname } = request.nextUrl;
  if (pathname.length > 1 && pathname.endsWith('/')) {
    // A plain URL: NextURL would put the trailing slash back when formatted.
    const url = new URL(request.url);
    url.pathname = pathname.replace(/\/+$/, '') || '/';
    return NextResponse.redirect(url, 308);
  }
  if (API_PREFIXES.some((prefix) => pathname.startsWith(prefix))) return undefined;
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const policy = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|v1/traces|v1/logs|v1/metrics|api/v2/spans|api/v1/spans|loki/api/v1/push).*)'],
};
