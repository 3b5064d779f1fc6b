// GET /jaeger/api/services/{service}/operations — operation (span) names of one service.
import { DEFAULT_TENANT } from '@/lib/domain/model/span';
import { getDatabase } from '@/lib/server/db/get-database';
import { listOperations } from '@/lib/server/jaeger/list-services';
import { jaegerJson, withJaegerErrors } from '@/lib/server/jaeger/jaeger-response';

export const dynamic = 'force-dynamic';

export const GET = withJaegerErrors<{ service: string }>(async (_request, context) => {
  const { service } = await context.params;
  const db = await getDatabase();
  const operations = await listOperations(db.pool, DEFAULT_TENANT, service);
  return jaegerJson(operations.map((o) => o.name));
});
