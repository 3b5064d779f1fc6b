// GET /jaeger/api/v3/services — Jaeger's v3 GetServices ({services: [...]}), what Jaeger UI ≥ 2.15 loads.
import { getDatabase } from '@/lib/server/db/get-database';
import { listServices } from '@/lib/server/jaeger/list-services';
import { jaegerRoute } from '@/lib/server/jaeger/jaeger-response';

export const dynamic = 'force-dynamic';

export const GET = jaegerRoute(async (_request, _context, access) => {
  const db = await getDatabase();
  return Response.json({ services: await listServices(db.pool, access.tenant()) });
});
