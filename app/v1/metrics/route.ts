// POST /v1/metrics — OTLP/HTTP metrics export (gauges, sums, histograms, exponential histograms, summaries) (protobuf or JSON, optionally gzip). 200 = committed.
import { ingestOtlpMetrics } from '@/lib/server/ingest/ingest-otlp';
import { withErrors } from '@/lib/server/http/route-handler';

export const dynamic = 'force-dynamic';

export const POST = withErrors(ingestOtlpMetrics);

// CORS preflight: answered only for origins listed in CORS_ALLOWED_ORIGINS (lib/server/ingest/ingest-cors.ts).
export { ingestPreflight as OPTIONS } from '@/lib/server/ingest/ingest-cors';
