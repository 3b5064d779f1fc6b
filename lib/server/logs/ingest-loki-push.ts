import 'server-only';
// POST /loki/api/v1/push: auth → tenant → admission → bounded body read → decode (JSON, or snappy+protobuf
// with capped decompression) → correlate → shared log write queue → 204 once committed. Decoding finishes
// before anything is queued, so a malformed body changes nothing. Rows go through the same queue as OTLP
// logs (cross-request batches, 429 when saturated) and end in writeLogs.
import { decodeJsonPush } from '@/lib/domain/loki/decode-json-push';
import { decodeProtobufPush, snappyUncompressedLength } from '@/lib/domain/loki/decode-protobuf-push';
import { PushDecodeError, type PushStream } from '@/lib/domain/loki/push-model';
import { pushToLogRows } from '@/lib/domain/loki/push-to-log-rows';
import { getConfig } from '../config/load-config';
import { AppError } from '../http/app-error';
import { getIngestPipelines, withAdmission } from '../ingest/ingest-pipelines';
import { tenantOf } from '../ingest/ingest-request';
import { readRequestBody } from '../ingest/read-request-body';
import { checkLokiToken } from './check-loki-token';

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Loki's rule: application/json is JSON; every other content type is snappy-compressed protobuf. */
function isJsonContentType(contentType: string): boolean {
  return contentType.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

export function decodeLokiPush(contentType: string, body: Uint8Array, maxUncompressedBytes: number): PushStream[] {
  try {
    return isJsonContentType(contentType) ? decodeJsonPush(utf8.decode(body)) : decodeProtobufPush(body, maxUncompressedBytes);
  } catch (error) {
    if (error instanceof PushDecodeError) {
      throw new AppError(error.kind === 'too_large' ? 'payload_too_large' : 'bad_request', error.message);
    }
    throw error;
  }
}

export async function ingestLokiPush(request: Request): Promise<Response> {
  const config = getConfig();
  checkLokiToken(request, config.INGEST_TOKENS);
  const tenant = tenantOf(request);
  return withAdmission(async (budget) => {
    const body = await readRequestBody(request, config.MAX_REQUEST_BYTES, budget);
    const contentType = request.headers.get('content-type') ?? '';
    // Snappy output counts against the shared in-flight byte budget too, before it is allocated.
    const declared = isJsonContentType(contentType) ? null : snappyUncompressedLength(body);
    if (declared !== null && declared <= config.MAX_REQUEST_BYTES) budget.take(declared);
    const streams = decodeLokiPush(contentType, body, config.MAX_REQUEST_BYTES);
    const rows = pushToLogRows(streams, tenant, BigInt(Date.now()) * 1_000_000n);
    await getIngestPipelines().logs.submit(rows);
    return new Response(null, { status: 204 });
  });
}
