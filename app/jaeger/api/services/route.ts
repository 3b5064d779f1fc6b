// GET /jaeger/api/services — service names (Jaeger query API, for Grafana's Jaeger data source and Jaeger UI).
import { DEFAULT_TENANT } from '@/lib/domain/model/span';
import { getDatabase } from '@/lib/server/db/get-database';
import { listServices } from '@/lib/server/jaeger/list-services';
import { jaegerJson, withJaegerErrors } from '@/lib/server/jaeger/jaeger-response';

export const dynamic = 'force-dynamic';

export const GET = withJaegerErrors(async () => {
  const db = await getDatabase();
  return jaegerJson(await listServices(db.pool, DEFAULT_TENANT));
});
