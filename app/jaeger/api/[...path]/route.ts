// Any other /jaeger/api/* path: Jaeger's JSON error envelope with 404 (clients parse JSON, not Next's HTML page).
// GET only: Jaeger's query API has no other methods, and a write verb here would count as a mutation route.
import { AppError } from '@/lib/server/http/app-error';
import { jaegerRoute } from '@/lib/server/jaeger/jaeger-response';

export const dynamic = 'force-dynamic';

const notFound = jaegerRoute(async (request) => {
  throw new AppError('not_found', `no such Jaeger API endpoint: ${request.method} ${new URL(request.url).pathname}`);
});

// A catch-all's params hold a string array, which the handlers' string-only params type does not; none is read.
export const GET = (request: Request, _context: { params: Promise<{ path: string[] }> }) => notFound(request, { params: Promise.resolve({}) });
