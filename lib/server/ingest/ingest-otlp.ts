import 'server-only';
// POST /v1/traces, /v1/logs and /v1/metrics: auth → media type → admission → bounded body read → decode → map (per-item
// rejections) → write queue → wait for COMMIT → OTLP response in the request's encoding (errors too: a
// google.rpc.Status, see otlp-error-response.ts).
import { decodeOtlpLogsJson } from '@/lib/domain/otlp/decode-otlp-json';
import { decodeOtlpLogsProto } from '@/lib/domain/otlp/decode-otlp-proto';
import { decodeOtlpMetricsProto, parseOtlpMetricsJson } from '@/lib/domain/metrics/decode-otlp-metrics';
import { metricsFromOtlp } from '@/lib/domain/metrics/metrics-from-otlp';
import { logsFromOtlp } from '@/lib/domain/otlp/logs-from-otlp';
import { OtlpDecodeError } from '@/lib/domain/otlp/otlp-request';
import type { StorageLimits } from '@/lib/domain/model/storable';
import { ingestWindow, type IngestWindow } from '@/lib/domain/model/ingest-window';
import { getConfig } from '../config/load-config';
import { AppError } from '../http/app-error';
import { checkIngestOrigin, withIngestCors } from './ingest-cors';
import { cpuTurn } from './cpu-turns';
import { declaredLength, getIngestPipelines, withAdmission, type ByteBudget } from './ingest-pipelines';
import { bodyFormatOf, type BodyFormat } from './ingest-request';
import { authorizeIngest } from '../auth/ingest-access';
import { errorFormatOf, otlpErrorResponse } from './otlp-error-response';
import { otlpSuccessResponse, type OtlpSignal } from './otlp-response';
import { readRequestBody } from './read-request-body';
import { decodeSpanExport } from './span-decode/span-decode-pool';

const utf8 = new TextDecoder('utf-8', { fatal: false });

export function storageLimits(config: ReturnType<typeof getConfig>): StorageLimits {
  return { attributeValueLengthLimit: config.ATTRIBUTE_VALUE_LENGTH_LIMIT };
}

/** The ingest time window now (ingest-window.ts): items outside it are rejected, not stored. */
export function currentIngestWindow(config: ReturnType<typeof getConfig>): IngestWindow {
  return ingestWindow(BigInt(Date.now()) * 1_000_000n, config.RETENTION_DAYS);
}

const indexLabelSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/** OTLP_LOG_INDEX_LABELS as a set, built once per loaded configuration. */
function logIndexLabels(config: ReturnType<typeof getConfig>): ReadonlySet<string> {
  let set = indexLabelSets.get(config.OTLP_LOG_INDEX_LABELS);
  if (!set) {
    set = new Set(config.OTLP_LOG_INDEX_LABELS);
    indexLabelSets.set(config.OTLP_LOG_INDEX_LABELS, set);
  }
  return set;
}

export function decodeOrBadRequest<T>(decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof OtlpDecodeError) throw new AppError('bad_request', error.message);
    throw error;
  }
}

export interface OtlpStoreResult {
  rejected: number;
  errorMessage: string;
}

/**
 * Decodes an OTLP export body, maps it to storable rows (per-item rejections) and waits until they are
 * committed. Shared by OTLP/HTTP and OTLP/gRPC so both store and reject exactly alike.
 */
export async function storeOtlpBody(signal: OtlpSignal, format: BodyFormat, body: Buffer, tenant: string, budget: ByteBudget): Promise<OtlpStoreResult> {
  const config = getConfig();
  const pipelines = getIngestPipelines();
  const window = currentIngestWindow(config);
  if (signal === 'traces') {
    // Decoded, mapped and serialized off the main thread (span-decode-pool.ts).
    const outcome = await decodeSpanExport({ format, body, tenant, limits: storageLimits(config), window }, config.INGEST_DECODE_THREADS, config.INGEST_DECODE_NICE);
    if (!outcome.ok) throw new AppError('bad_request', outcome.badRequest);
    budget.decoded();
    const { chunk, rejected, errorMessage } = outcome;
    return withConflicts({ rejected, errorMessage }, await pipelines.spans.submit([chunk]));
  }
  // Logs and metrics: decoding and mapping are one synchronous piece each body, in their own turn (cpu-turns.ts).
  await cpuTurn();
  if (signal === 'metrics') {
    const { points, rejected, errorMessage } = decodeOrBadRequest(() =>
      format === 'json'
        ? metricsFromOtlp(parseOtlpMetricsJson(utf8.decode(body)), 'hex', tenant, storageLimits(config), window)
        : metricsFromOtlp(decodeOtlpMetricsProto(body), 'base64', tenant, storageLimits(config), window),
    );
    budget.decoded();
    await pipelines.metrics.submit(points);
    return { rejected, errorMessage };
  }
  const decoded = decodeOrBadRequest(() => (format === 'json' ? decodeOtlpLogsJson(utf8.decode(body)) : decodeOtlpLogsProto(body)));
  const { logs, rejected, errorMessage } = logsFromOtlp(decoded, tenant, storageLimits(config), { indexLabels: logIndexLabels(config), window });
  budget.decoded();
  await pipelines.logs.submit(logs);
  return { rejected, errorMessage };
}

/**
 * Adds the request's conflicting duplicate spans (same ids as a stored span, other content; the stored one is
 * kept) to its rejections, so partialSuccess tells the sender instead of dropping them silently.
 */
export function withConflicts(result: OtlpStoreResult, conflicting: number): OtlpStoreResult {
  if (conflicting === 0) return result;
  const reasons = result.errorMessage.replace(/^\d+ rejected: /, '');
  const note = `span id already stored with other content, the stored span kept (${conflicting})`;
  const rejected = result.rejected + conflicting;
  return { rejected, errorMessage: `${rejected} rejected: ${reasons ? `${reasons}, ` : ''}${note}` };
}

/** The write queue a signal's rows go to (admission asks it whether it would saturate). */
export function queueOf(signal: OtlpSignal): Pick<ReturnType<typeof getIngestPipelines>['spans'], 'wouldSaturate'> {
  const pipelines = getIngestPipelines();
  return signal === 'traces' ? pipelines.spans : signal === 'logs' ? pipelines.logs : pipelines.metrics;
}

async function ingest(request: Request, signal: OtlpSignal): Promise<Response> {
  const config = getConfig();
  checkIngestOrigin(request, config.CORS_ALLOWED_ORIGINS);
  const format: BodyFormat = bodyFormatOf(request);
  const tenant = await authorizeIngest(request);
  const queue = queueOf(signal);
  return withAdmission(
    async (budget) => {
      const raw = await readRequestBody(request, config.MAX_REQUEST_BYTES, budget);
      // A Buffer view (no copy) makes protobufjs use Node's native UTF-8 decoding for strings.
      const body = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
      const { rejected, errorMessage } = await storeOtlpBody(signal, format, body, tenant, budget);
      return otlpSuccessResponse(signal, format, rejected, errorMessage);
    },
    { queue: queue, declaredBytes: declaredLength(request) },
  );
}

async function ingestOrStatus(request: Request, signal: OtlpSignal): Promise<Response> {
  try {
    return await ingest(request, signal);
  } catch (error) {
    return otlpErrorResponse(error, errorFormatOf(request));
  }
}

export const ingestOtlpTraces = withIngestCors((request: Request) => ingestOrStatus(request, 'traces'));
export const ingestOtlpLogs = withIngestCors((request: Request) => ingestOrStatus(request, 'logs'));
export const ingestOtlpMetrics = withIngestCors((request: Request) => ingestOrStatus(request, 'metrics'));
