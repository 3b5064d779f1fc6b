// POST /api/v1/spans — Zipkin v1 JSON span array (zipkin-transport-http's default), converted to v2; 202 once committed.
import { ingestZipkinV1 } from '@/lib/server/ingest/ingest-zipkin';
import { withErrors } from '@/lib/server/http/route-handler';
import { withIngestCors } from '@/lib/server/ingest/ingest-cors';

export const dynamic = 'force-dynamic';

export const POST = withIngestCors(withErrors(ingestZipkinV1));

// CORS preflight: answered only for origins listed in CORS_ALLOWED_ORIGINS (lib/server/ingest/ingest-cors.ts).
export { ingestPreflight as OPTIONS } from '@/lib/server/ingest/ingest-cors';
