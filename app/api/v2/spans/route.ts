// POST /api/v2/spans — Zipkin v2 JSON span array; 202 once committed.
import { ingestZipkin } from '@/lib/server/ingest/ingest-zipkin';
import { withErrors } from '@/lib/server/http/route-handler';

export const dynamic = 'force-dynamic';

export const POST = withErrors(ingestZipkin);
