// GET /jaeger/api/operations?service=&spanKind= — operations with their span kind (Jaeger UI's newer endpoint).
import { jaegerSpanKindName } from '@/lib/domain/jaeger/span-kind-name';
import { getDatabase } from '@/lib/server/db/get-database';
import { AppError } from '@/lib/server/http/app-error';
import { listOperations } from '@/lib/server/jaeger/list-services';
import { jaegerJson, jaegerRoute } from '@/lib/server/jaeger/jaeger-response';

export const dynamic = 'force-dynamic';

export const GET = jaegerRoute(async (request, _context, access) => {
  const params = new URL(request.url).searchParams;
  const service = params.get('service');
  if (!service) throw new AppError('bad_request', 'service is required', { details: { field: 'service' } });
  const spanKind = params.get('spanKind');
  const db = await getDatabase();
  const operations = (await listOperations(db.pool, access.tenant(), service)).map((o) => ({ name: o.name, spanKind: jaegerSpanKindName(o.kind) })).filter((o) => !spanKind || o.spanKind === spanKind);
  return jaegerJson(operations);
});
