// GET /jaeger/api/services/{service}/operations — operation (span) names of one service.
import { getDatabase } from '@/lib/server/db/get-database';
import { listOperations } from '@/lib/server/jaeger/list-services';
import { jaegerJson, jaegerRoute } from '@/lib/server/jaeger/jaeger-response';

export const dynamic = 'force-dynamic';

export const GET = jaegerRoute<{ service: string }>(async (_request, context, access) => {
  const { service } = await context.params;
  const db = await getDatabase();
  const operations = await listOperations(db.pool, access.tenant(), service);
  return jaegerJson(operations.map((o) => o.name));
});
