import 'server-only';
// The process-wide span and log write queues, created once (kept on globalThis because Next may evaluate this
// module once per route bundle, and all routes must share one queue to batch across requests), plus the
// admission gate that caps requests whose bodies are being read and decoded at the same time.
import type { LogRecordInput } from '@/lib/domain/logs/log-record-input';
import type { MetricPoint } from '@/lib/domain/metrics/metric-point';
import { getConfig } from '../config/load-config';
import { getDatabase } from '../db/get-database';
import { AppError } from '../http/app-error';
import { writeLogs } from '../logs/write-logs';
import { writeMetrics } from '../metrics/write-metrics';
import { writePreparedSpans } from '../spans/write-spans';
import type { PreparedSpans } from '../spans/prepared-span-rows';
import { cpuTurn } from './cpu-turns';
import { WriteQueue } from './write-queue';

interface Pipelines {
  /** One item per request: its spans serialized once (prepared-span-rows.ts), weighing its span count. */
  spans: WriteQueue<PreparedSpans>;
  logs: WriteQueue<LogRecordInput>;
  metrics: WriteQueue<MetricPoint>;
  inflight: number;
  inflightBytes: number;
}

/** Bytes a request holds (raw body, then its decompressed form); released when the request ends. */
export interface ByteBudget {
  /** Accounts `n` more bytes; throws 429 when all requests together would pass INGEST_MAX_INFLIGHT_BYTES. */
  take(n: number): void;
  /**
   * The body is decoded and its rows are about to be submitted: releases the request's slot and bytes (its
   * rows now count against the write queue's INGEST_MAX_PENDING_ROWS instead). Later calls do nothing.
   */
  decoded(): void;
}

const KEY = Symbol.for('tracehound.ingest-pipelines');
type GlobalWithPipelines = typeof globalThis & { [KEY]?: Pipelines };

export function getIngestPipelines(): Pipelines {
  const g = globalThis as GlobalWithPipelines;
  if (!g[KEY]) {
    const config = getConfig();
    const common = {
      maxBatchRows: config.INGEST_BATCH_ROWS,
      maxPendingRows: config.INGEST_MAX_PENDING_ROWS,
      concurrency: config.INGEST_WRITE_CONCURRENCY,
      takeTurn: cpuTurn,
    };
    g[KEY] = {
      spans: new WriteQueue<PreparedSpans>({
        ...common,
        name: 'span',
        weight: (chunk) => chunk.rows,
        // Conflicting duplicates (same ids, other content) are counted per request so their senders are told.
        write: async (chunks) => {
          const { conflicts } = await writePreparedSpans((await getDatabase()).ingestPool, chunks);
          return new Map(chunks.map((chunk, i) => [chunk, conflicts[i] ?? 0]));
        },
      }),
      logs: new WriteQueue<LogRecordInput>({
        ...common,
        name: 'log',
        write: async (rows) => {
          await writeLogs((await getDatabase()).ingestPool, rows);
        },
      }),
      metrics: new WriteQueue<MetricPoint>({
        ...common,
        name: 'metric point',
        write: async (rows) => {
          await writeMetrics((await getDatabase()).ingestPool, rows);
        },
      }),
      inflight: 0,
      inflightBytes: 0,
    };
  }
  return g[KEY];
}

export interface AdmissionRequest {
  /** The write queue the request's rows will go to: refused up front when it would saturate. */
  queue?: Pick<WriteQueue<unknown>, 'wouldSaturate'>;
  /** The request's Content-Length, when declared: refused up front when it would pass the byte budget. */
  declaredBytes?: number | null;
}

/**
 * A refusal inside the route, before the body is read (the byte budget, or a request that passed the early gate
 * just before the queue filled). `Connection: close` because the body is still on its way: keeping the
 * connection would make Node read and discard it (up to MAX_REQUEST_BYTES per refusal), and under overload some
 * refused keep-alive connections were reset mid-upload here (the client saw "other side closed"). Closed, the
 * client knows to retry on a new connection. Most refusals under overload come from the early gate instead
 * (early-admission.ts), which keeps the connection of a body declared up to INGEST_REFUSAL_KEEPALIVE_BYTES.
 */
function busy(message: string): AppError {
  return new AppError('too_many_requests', message, { retryAfterSeconds: 1, headers: { Connection: 'close' } });
}

/** A Content-Length header's value as a number of bytes, or null when it is absent or not a number. */
export function contentLength(value: string | null | undefined): number | null {
  const n = Number(value ?? NaN);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** A request's declared Content-Length, or null. */
export function declaredLength(request: Request): number | null {
  return contentLength(request.headers.get('content-length'));
}

const SATURATED_MESSAGE = 'The write pipeline is saturated; retry later.';
const TOO_MANY_MESSAGE = 'Too many ingest requests in progress; retry later.';

/**
 * Why a new request would be refused now by the write queue or the in-flight count (one of the two messages
 * above), or null. No Error is built: the early gate (early-admission.ts) asks this for every ingest request,
 * and under overload an Error's stack capture per refusal was a measurable share of a refusal's cost.
 */
export function admissionRefusalReason(queue?: Pick<WriteQueue<unknown>, 'wouldSaturate'>): string | null {
  const pipelines = getIngestPipelines();
  if (queue?.wouldSaturate(pipelines.inflight + 1)) return SATURATED_MESSAGE;
  if (pipelines.inflight >= getConfig().INGEST_MAX_INFLIGHT_REQUESTS) return TOO_MANY_MESSAGE;
  return null;
}

/**
 * The refusal a new request would get now (see admissionRefusalReason), or null: checked by withAdmission, and by
 * the OTLP/gRPC receiver as soon as a call's metadata arrives (before its message).
 */
export function admissionRefusal(queue?: Pick<WriteQueue<unknown>, 'wouldSaturate'>): AppError | null {
  const reason = admissionRefusalReason(queue);
  return reason ? busy(reason) : null;
}

/**
 * Runs `work` under admission control. Everything that can be decided before the body is read is decided
 * first, so a refusal (429) costs microseconds and no decoding (issue #19): the write queue would saturate
 * with the requests already being read or decoded (each counted at the queue's average rows per request),
 * INGEST_MAX_INFLIGHT_REQUESTS are being read or decoded, or the
 * declared Content-Length would pass INGEST_MAX_INFLIGHT_BYTES. While the body streams in, its bytes are charged
 * to that budget too (bodies without Content-Length, decompressed output). Decoded rows stay bounded by the
 * write queues' INGEST_MAX_PENDING_ROWS.
 */
export async function withAdmission<R>(work: (budget: ByteBudget) => Promise<R>, request: AdmissionRequest = {}): Promise<R> {
  const pipelines = getIngestPipelines();
  const config = getConfig();
  const refusal = admissionRefusal(request.queue);
  if (refusal) throw refusal;
  const declared = request.declaredBytes ?? 0;
  if (pipelines.inflightBytes > 0 && pipelines.inflightBytes + declared > config.INGEST_MAX_INFLIGHT_BYTES) {
    throw busy('Ingest is busy (too many request bytes in flight); retry later.');
  }
  pipelines.inflight++;
  let held = 0;
  let reading = true;
  const release = () => {
    if (!reading) return;
    reading = false;
    pipelines.inflight--;
    pipelines.inflightBytes -= held;
    held = 0;
  };
  const budget: ByteBudget = {
    decoded: release,
    take(n) {
      // A lone request may always use up to MAX_REQUEST_BYTES (its own limit), so no valid request starves.
      const othersHold = pipelines.inflightBytes - held > 0;
      if (othersHold && pipelines.inflightBytes + n > config.INGEST_MAX_INFLIGHT_BYTES) {
        throw busy('Ingest is busy (too many request bytes in flight); retry later.');
      }
      if (!reading) return;
      held += n;
      pipelines.inflightBytes += n;
    },
  };
  try {
    return await work(budget);
  } finally {
    release();
  }
}
