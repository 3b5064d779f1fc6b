// POST /loki/api/v1/push — Grafana Loki's push API. JSON (optionally gzip/deflate) or snappy-compressed
// logproto.PushRequest. 204 on success; 400 malformed; 401 without a valid ingest token; 413 past
// MAX_REQUEST_BYTES (compressed or decompressed). Tenant: X-Scope-OrgID (default "default").
import { getConfig } from '@/lib/server/config/load-config';
import { getDatabase } from '@/lib/server/db/get-database';
import { authorizeIngest, tenantFromRequest } from '@/lib/server/http/ingest-auth';
import { readLimitedBody } from '@/lib/server/http/read-limited-body';
import { withErrors } from '@/lib/server/http/route-handler';
import { ingestLokiPush } from '@/lib/server/logs/ingest-loki-push';

export const dynamic = 'force-dynamic';

export const POST = withErrors(async (request) => {
  authorizeIngest(request);
  const tenant = tenantFromRequest(request);
  const maxBytes = getConfig().MAX_REQUEST_BYTES;
  const body = await readLimitedBody(request, maxBytes);
  const db = await getDatabase();
  await ingestLokiPush(db.pool, { contentType: request.headers.get('content-type') ?? '', body, tenant, maxUncompressedBytes: maxBytes });
  return new Response(null, { status: 204 });
});
