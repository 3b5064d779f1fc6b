import 'server-only';
// POST /loki/api/v1/push: auth → tenant → admission → bounded body read → decode (JSON, or snappy+protobuf
// with capped decompression) → correlate → shared log write queue → 204 once committed. Decoding finishes
// before anything is queued, so a malformed body changes nothing. Entries must lie within the retention
// period and at most an hour ahead of the server clock (400 naming the entry otherwise). Rows go through the same queue as OTLP
// logs (cross-request batches, 429 when saturated) and end in writeLogs.
import { decodeJsonPush } from '@/lib/domain/loki/decode-json-push';
import { decodeProtobufPush, snappyUncompressedLength } from '@/lib/domain/loki/decode-protobuf-push';
import { PushDecodeError, type PushStream } from '@/lib/domain/loki/push-model';
import { pushToLogRows } from '@/lib/domain/loki/push-to-log-rows';
import { checkPushTimeBounds } from '@/lib/domain/loki/check-push-time-bounds';
import { NS_PER_DAY } from '../db/partitions';
import { getConfig } from '../config/load-config';
import { AppError } from '../http/app-error';
import { declaredLength, getIngestPipelines, withAdmission } from '../ingest/ingest-pipelines';
import { checkIngestOrigin } from '../ingest/ingest-cors';
import { cpuTurn } from '../ingest/cpu-turns';
import { authorizeIngest } from '../auth/ingest-access';
import { readRequestBody } from '../ingest/read-request-body';

const utf8 = new TextDecoder('utf-8', { fatal: false });

function mediaType(contentType: string): string {
  return contentType.split(';')[0]?.trim().toLowerCase() ?? '';
}

function isJsonContentType(contentType: string): boolean {
  return mediaType(contentType) === 'application/json';
}

/**
 * Loki itself reads every non-JSON type as snappy protobuf, which let a web page post text/plain cross-site
 * without a preflight. Only the types Loki clients send are accepted: application/json, and
 * application/x-protobuf (Promtail, Alloy, winston-loki) or application/protobuf.
 */
export function checkLokiContentType(contentType: string): void {
  const type = mediaType(contentType);
  if (type === 'application/json' || type === 'application/x-protobuf' || type === 'application/protobuf') return;
  throw new AppError('unsupported_media_type', `Unsupported Content-Type "${type || '(none)'}"; expected application/json or application/x-protobuf (snappy).`);
}

/** Entries may be at most this far ahead of the server clock (clients' clocks drift; Loki allows 10 min). */
export const MAX_FUTURE_NS = 3_600_000_000_000n;

export function decodeLokiPush(
  contentType: string,
  body: Uint8Array,
  maxUncompressedBytes: number,
  bounds: { minNs: bigint; maxNs: bigint },
): PushStream[] {
  try {
    const streams = isJsonContentType(contentType) ? decodeJsonPush(utf8.decode(body)) : decodeProtobufPush(body, maxUncompressedBytes);
    checkPushTimeBounds(streams, bounds.minNs, bounds.maxNs);
    return streams;
  } catch (error) {
    if (error instanceof PushDecodeError) {
      throw new AppError(error.kind === 'too_large' ? 'payload_too_large' : 'bad_request', error.message);
    }
    throw error;
  }
}

export async function ingestLokiPush(request: Request): Promise<Response> {
  const config = getConfig();
  checkIngestOrigin(request, config.CORS_ALLOWED_ORIGINS);
  checkLokiContentType(request.headers.get('content-type') ?? '');
  const tenant = await authorizeIngest(request, { acceptBasic: true });
  return withAdmission(async (budget) => {
    const body = await readRequestBody(request, config.MAX_REQUEST_BYTES, budget);
    const contentType = request.headers.get('content-type') ?? '';
    // Snappy output counts against the shared in-flight byte budget too, before it is allocated.
    const declared = isJsonContentType(contentType) ? null : snappyUncompressedLength(body);
    if (declared !== null && declared <= config.MAX_REQUEST_BYTES) budget.take(declared);
    await cpuTurn(); // decoding is one synchronous piece: its own turn (cpu-turns.ts)
    const nowNs = BigInt(Date.now()) * 1_000_000n;
    const bounds = { minNs: nowNs - BigInt(config.RETENTION_DAYS) * NS_PER_DAY, maxNs: nowNs + MAX_FUTURE_NS };
    const streams = decodeLokiPush(contentType, body, config.MAX_REQUEST_BYTES, bounds);
    const rows = pushToLogRows(streams, tenant, nowNs);
    budget.decoded();
    await getIngestPipelines().logs.submit(rows);
    return new Response(null, { status: 204 });
  }, { queue: getIngestPipelines().logs, declaredBytes: declaredLength(request) });
}
