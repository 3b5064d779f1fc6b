// POST /v1/traces — OTLP/HTTP trace export (protobuf or JSON, optionally gzip). 200 = committed.
import { ingestOtlpTraces } from '@/lib/server/ingest/ingest-otlp';
import { withErrors } from '@/lib/server/http/route-handler';

export const dynamic = 'force-dynamic';

export const POST = withErrors(ingestOtlpTraces);

// CORS preflight: answered only for origins listed in CORS_ALLOWED_ORIGINS (lib/server/ingest/ingest-cors.ts).
export { ingestPreflight as OPTIONS } from '@/lib/server/ingest/ingest-cors';
