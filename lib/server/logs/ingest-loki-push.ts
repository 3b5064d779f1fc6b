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
import { dropOutsideWindow } from '@/lib/domain/loki/drop-outside-window';
import { ingestWindow } from '@/lib/domain/model/ingest-window';
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
  checkIngestOrigin(request, config.CORS_ALLOWED_ORIGINS);
  checkLokiContentType(request.headers.get('content-type') ?? '');
  const tenant = await authorizeIngest(request, { acceptBasic: true });
  return withAdmission(
    async (budget) => {
      const body = await readRequestBody(request, config.MAX_REQUEST_BYTES, budget);
      const contentType = request.headers.get('content-type') ?? '';
      // Snappy output counts against the shared in-flight byte budget too, before it is allocated.
      const declared = isJsonContentType(contentType) ? null : snappyUncompressedLength(body);
      if (declared !== null && declared <= config.MAX_REQUEST_BYTES) budget.take(declared);
      await cpuTurn(); // decoding is one synchronous piece: its own turn (cpu-turns.ts)
      const nowNs = BigInt(Date.now()) * 1_000_000n;
      const decoded = decodeLokiPush(contentType, body, config.MAX_REQUEST_BYTES);
      // Entries outside the retention window are dropped and the rest stored (ingest-window.ts); the answer
      // is then a 400 naming them, as Loki answers a push with rejected entries.
      const { streams, rejected, message } = dropOutsideWindow(decoded, ingestWindow(nowNs, config.RETENTION_DAYS));
      const rows = pushToLogRows(streams, tenant, nowNs);
      budget.decoded();
      await getIngestPipelines().logs.submit(rows);
      if (rejected > 0) throw new AppError('bad_request', `${message}.${rows.length > 0 ? ' The other entries were stored.' : ''}`);
      return new Response(null, { status: 204 });
    },
    { queue: getIngestPipelines().logs, declaredBytes: declaredLength(request) },
  );
}
