// POST /loki/api/v1/push — Grafana Loki's push API. JSON (optionally gzip/deflate) or snappy-compressed
// logproto.PushRequest. 204 once committed; 400 malformed; 401 without a valid ingest token (Bearer or Basic
// password); 413 past MAX_REQUEST_BYTES (compressed or decompressed); 429 when the write queue is saturated.
// Tenant: X-Scope-OrgID (default "default").
import { withErrors } from '@/lib/server/http/route-handler';
import { withIngestCors } from '@/lib/server/ingest/ingest-cors';
import { ingestLokiPush } from '@/lib/server/logs/ingest-loki-push';

export const dynamic = 'force-dynamic';

export const POST = withIngestCors(withErrors(ingestLokiPush));

// CORS preflight: answered only for origins listed in CORS_ALLOWED_ORIGINS (lib/server/ingest/ingest-cors.ts).
export { ingestPreflight as OPTIONS } from '@/lib/server/ingest/ingest-cors';
