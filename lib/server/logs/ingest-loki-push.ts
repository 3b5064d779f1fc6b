import 'server-only';
// POST /loki/api/v1/push: auth → tenant → admission → bounded body read → decode (JSON, or snappy+protobuf
// with capped decompression) → correlate → shared log write queue → 204 once committed. Decoding finishes
// before anything is queued, so a malformed body changes nothing. Rows go through the same queue as OTLP
// logs (cross-request batches, 429 when saturated) and end in writeLogs.
import { decodeJsonPush } from '@/lib/domain/loki/decode-json-push';
import { decodeProtobufPush } from '@/lib/domain/loki/decode-protobuf-push';
import { PushDecodeError, type PushStream } from '@/lib/domain/loki/push-model';
import { pushToLogRows } from '@/lib/domain/loki/push-to-log-rows';
import { getConfig } from '../config/load-config';
import { AppError } from '../http/app-error';
import { getIngestPipelines, withAdmission } from '../ingest/ingest-pipelines';
import { tenantOf } from '../ingest/ingest-request';
import { readRequestBody } from '../ingest/read-request-body';
import { checkLokiToken } from './check-loki-token';

const utf8 = new TextDecoder('utf-8', { fatal: false });

export function decodeLokiPush(contentType: string, body: Uint8Array, maxUncompressedBytes: number): PushStream[] {
  // Loki's rule: application/json is JSON; every other content type is snappy-compressed protobuf.
  const isJson = contentType.split(';')[0]?.trim().toLowerCase() === 'application/json';
  try {
    return isJson ? decodeJsonPush(utf8.decode(body)) : decodeProtobufPush(body, maxUncompressedBytes);
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
  return withAdmission(async () => {
    const body = await readRequestBody(request, config.MAX_REQUEST_BYTES);
    const streams = decodeLokiPush(request.headers.get('content-type') ?? '', body, config.MAX_REQUEST_BYTES);
    const rows = pushToLogRows(streams, tenant, BigInt(Date.now()) * 1_000_000n);
    await getIngestPipelines().logs.submit(rows);
    return new Response(null, { status: 204 });
  });
}
