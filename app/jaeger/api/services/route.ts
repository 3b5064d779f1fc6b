// GET /jaeger/api/services — service names (Jaeger query API, for Grafana's Jaeger data source and Jaeger UI).
import { getDatabase } from '@/lib/server/db/get-database';
import { listServices } from '@/lib/server/jaeger/list-services';
import { jaegerJson, jaegerRoute } from '@/lib/server/jaeger/jaeger-response';

export const dynamic = 'force-dynamic';

export const GET = jaegerRoute(async (_request, _context, access) => {
  const db = await getDatabase();
  return jaegerJson(await listServices(db.pool, access.tenant()));
});
