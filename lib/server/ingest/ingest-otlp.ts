import 'server-only';
// POST /v1/traces and /v1/logs: auth → media type → admission → bounded body read → decode → map (per-item
// rejections) → write queue → wait for COMMIT → OTLP response in the request's encoding.
import { decodeOtlpLogsJson, decodeOtlpTraceJson } from '@/lib/domain/otlp/decode-otlp-json';
import { decodeOtlpLogsProto, decodeOtlpTraceProto } from '@/lib/domain/otlp/decode-otlp-proto';
import { logsFromOtlp } from '@/lib/domain/otlp/logs-from-otlp';
import { OtlpDecodeError } from '@/lib/domain/otlp/otlp-request';
import { spansFromOtlp } from '@/lib/domain/otlp/spans-from-otlp';
import { getConfig } from '../config/load-config';
import { AppError } from '../http/app-error';
import { getIngestPipelines, withAdmission } from './ingest-pipelines';
import { bodyFormatOf, checkIngestToken, tenantOf, type BodyFormat } from './ingest-request';
import { otlpSuccessResponse, type OtlpSignal } from './otlp-response';
import { readRequestBody } from './read-request-body';

const utf8 = new TextDecoder('utf-8', { fatal: false });

export function decodeOrBadRequest<T>(decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof OtlpDecodeError) throw new AppError('bad_request', error.message);
    throw error;
  }
}

async function ingest(request: Request, signal: OtlpSignal): Promise<Response> {
  const config = getConfig();
  checkIngestToken(request, config.INGEST_TOKENS);
  const format: BodyFormat = bodyFormatOf(request);
  const tenant = tenantOf(request);
  return withAdmission(async () => {
    const body = await readRequestBody(request, config.MAX_REQUEST_BYTES);
    const pipelines = getIngestPipelines();
    if (signal === 'traces') {
      const decoded = decodeOrBadRequest(() => (format === 'json' ? decodeOtlpTraceJson(utf8.decode(body)) : decodeOtlpTraceProto(body)));
      const { spans, rejected, errorMessage } = spansFromOtlp(decoded, tenant);
      await pipelines.spans.submit(spans);
      return otlpSuccessResponse(signal, format, rejected, errorMessage);
    }
    const decoded = decodeOrBadRequest(() => (format === 'json' ? decodeOtlpLogsJson(utf8.decode(body)) : decodeOtlpLogsProto(body)));
    const { logs, rejected, errorMessage } = logsFromOtlp(decoded, tenant);
    await pipelines.logs.submit(logs);
    return otlpSuccessResponse(signal, format, rejected, errorMessage);
  });
}

export const ingestOtlpTraces = (request: Request) => ingest(request, 'traces');
export const ingestOtlpLogs = (request: Request) => ingest(request, 'logs');
