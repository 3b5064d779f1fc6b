import 'server-only';
// POST /api/v2/spans (Zipkin v2 JSON) and /api/v1/spans (v1 JSON, converted to v2): same checks and pipeline as OTLP; 202 once committed. Rejected spans
// are reported in the body (Zipkin has no partial-success convention).
import { looksLikeZipkinV1, parseZipkinArray, spansFromZipkin, spansFromZipkinValues, type SpansFromZipkin } from '@/lib/domain/zipkin/spans-from-zipkin';
import { zipkinV1ToV2 } from '@/lib/domain/zipkin/zipkin-v1-to-v2';
import { OtlpDecodeError } from '@/lib/domain/otlp/otlp-request';
import type { StorageLimits } from '@/lib/domain/model/storable';
import type { IngestWindow } from '@/lib/domain/model/ingest-window';
import { getConfig } from '../config/load-config';
import { checkIngestOrigin } from './ingest-cors';
import { prepareSpanRows } from '../spans/prepared-span-rows';
import { cpuTurn } from './cpu-turns';
import { declaredLength, getIngestPipelines, withAdmission } from './ingest-pipelines';
import { currentIngestWindow, decodeOrBadRequest, storageLimits, withConflicts } from './ingest-otlp';
import { bodyFormatOf } from './ingest-request';
import { authorizeIngest } from '../auth/ingest-access';
import { readRequestBody } from './read-request-body';

/** v2 marks without v1 ones: a v2 body sent to the v1 endpoint would lose its services, so it is refused. */
function looksLikeZipkinV2(item: unknown): boolean {
  if (typeof item !== 'object' || item === null || looksLikeZipkinV1(item)) return false;
  return 'localEndpoint' in item || 'remoteEndpoint' in item || 'kind' in item || 'tags' in item;
}

function spansFromZipkinV1(text: string, tenant: string, limits: StorageLimits, window: IngestWindow): SpansFromZipkin {
  const items = parseZipkinArray(text, 'v1');
  const v2 = items.findIndex(looksLikeZipkinV2);
  if (v2 >= 0) throw new OtlpDecodeError(`Span [${v2}] is Zipkin v2 JSON (localEndpoint, kind or tags): send v2 to /api/v2/spans`);
  return spansFromZipkinValues(zipkinV1ToV2(items), tenant, limits, window);
}

export function ingestZipkin(request: Request): Promise<Response> {
  return ingestZipkinVersion(request, spansFromZipkin);
}

export function ingestZipkinV1(request: Request): Promise<Response> {
  return ingestZipkinVersion(request, spansFromZipkinV1);
}

async function ingestZipkinVersion(request: Request, decode: (text: string, tenant: string, limits: StorageLimits, window: IngestWindow) => SpansFromZipkin): Promise<Response> {
  const config = getConfig();
  checkIngestOrigin(request, config.CORS_ALLOWED_ORIGINS);
  bodyFormatOf(request, ['json']);
  const tenant = await authorizeIngest(request);
  return withAdmission(
    async (budget) => {
      const body = await readRequestBody(request, config.MAX_REQUEST_BYTES, budget);
      await cpuTurn(); // decoding is one synchronous piece: its own turn (cpu-turns.ts)
      const { spans, rejected, errorMessage } = decodeOrBadRequest(() => decode(new TextDecoder().decode(body), tenant, storageLimits(config), currentIngestWindow(config)));
      budget.decoded();
      const conflicting = await getIngestPipelines().spans.submit([prepareSpanRows(spans)]);
      const result = withConflicts({ rejected, errorMessage }, conflicting);
      return Response.json({ accepted: spans.length - conflicting, ...result }, { status: 202 });
    },
    { queue: getIngestPipelines().spans, declaredBytes: declaredLength(request) },
  );
}
