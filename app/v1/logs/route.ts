// POST /v1/logs — OTLP/HTTP log export (protobuf or JSON, optionally gzip) into the shared logs table.
import { ingestOtlpLogs } from '@/lib/server/ingest/ingest-otlp';
import { withErrors } from '@/lib/server/http/route-handler';

export const dynamic = 'force-dynamic';

export const POST = withErrors(ingestOtlpLogs);

// CORS preflight: answered only for origins listed in CORS_ALLOWED_ORIGINS (lib/server/ingest/ingest-cors.ts).
export { ingestPreflight as OPTIONS } from '@/lib/server/ingest/ingest-cors';
