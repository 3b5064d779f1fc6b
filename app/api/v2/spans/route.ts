// POST /api/v2/spans — Zipkin v2 JSON span array; 202 once committed.
import { ingestZipkin } from '@/lib/server/ingest/ingest-zipkin';
import { withErrors } from '@/lib/server/http/route-handler';
import { withIngestCors } from '@/lib/server/ingest/ingest-cors';

export const dynamic = 'force-dynamic';

export const POST = withIngestCors(withErrors(ingestZipkin));

// CORS preflight: answered only for origins listed in CORS_ALLOWED_ORIGINS (lib/server/ingest/ingest-cors.ts).
export { ingestPreflight as OPTIONS } from '@/lib/server/ingest/ingest-cors';
