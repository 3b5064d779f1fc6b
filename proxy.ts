// Runs before routing. Its one job: a path with a malformed percent-escape (`/api/traces/%ff`, a lone `%`) is
// answered here with the API's JSON 400 and the security headers; past this point the framework would fail
// to decode the dynamic segment and answer a bare 500. The ingest routes have no dynamic segments and are
// left out (no cost on the hot path), as are static assets.
import { NextResponse, type NextRequest } from 'next/server';

const SECURITY_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin', 'X-Frame-Options': 'DENY' };

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

export function proxy(request: NextRequest): NextResponse | undefined {
  const segment = malformedSegment(request.url);
  if (segment === null) return undefined;
  const message = `The path segment "${segment.slice(0, 100)}" is not valid percent-encoded UTF-8.`;
  return NextResponse.json({ error: { code: 'bad_request', message, field: 'path' } }, { status: 400, headers: SECURITY_HEADERS });
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|v1/traces|v1/logs|api/v2/spans|loki/api/v1/push).*)'],
};
