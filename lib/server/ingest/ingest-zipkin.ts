import 'server-only';
// POST /api/v2/spans (Zipkin v2 JSON): same checks and pipeline as OTLP; 202 once committed. Rejected spans
// are reported in the body (Zipkin has no partial-success convention).
import { spansFromZipkin } from '@/lib/domain/zipkin/spans-from-zipkin';
import { getConfig } from '../config/load-config';
import { checkIngestOrigin } from './ingest-cors';
import { declaredLength, getIngestPipelines, withAdmission } from './ingest-pipelines';
import { decodeOrBadRequest, storageLimits } from './ingest-otlp';
import { bodyFormatOf } from './ingest-request';
import { authorizeIngest } from '../auth/ingest-access';
import { readRequestBody } from './read-request-body';

export async function ingestZipkin(request: Request): Promise<Response> {
  const config = getConfig();
  checkIngestOrigin(request, config.CORS_ALLOWED_ORIGINS);
  bodyFormatOf(request, ['json']);
  const tenant = await authorizeIngest(request);
  return withAdmission(async (budget) => {
    const body = await readRequestBody(request, config.MAX_REQUEST_BYTES, budget);
    const { spans, rejected, errorMessage } = decodeOrBadRequest(() => spansFromZipkin(new TextDecoder().decode(body), tenant, storageLimits(config)));
    budget.decoded();
    await getIngestPipelines().spans.submit(spans);
    return Response.json({ accepted: spans.length, rejected, errorMessage }, { status: 202 });
  }, { queue: getIngestPipelines().spans, declaredBytes: declaredLength(request) });
}
