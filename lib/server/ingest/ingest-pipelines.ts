import 'server-only';
// The process-wide span and log write queues, created once (kept on globalThis because Next may evaluate this
// module once per route bundle, and all routes must share one queue to batch across requests), plus the
// admission gate that caps requests whose bodies are being read and decoded at the same time.
import type { LogRecordInput } from '@/lib/domain/logs/log-record-input';
import type { SpanRecord } from '@/lib/domain/model/span';
import { getConfig } from '../config/load-config';
import { getDatabase } from '../db/get-database';
import { AppError } from '../http/app-error';
import { writeLogs } from '../logs/write-logs';
import { writeSpans } from '../spans/write-spans';
import { WriteQueue } from './write-queue';

interface Pipelines {
  spans: WriteQueue<SpanRecord>;
  logs: WriteQueue<LogRecordInput>;
  inflight: number;
  inflightBytes: number;
}

/** Bytes a request holds (raw body, then its decompressed form); released when the request ends. */
export interface ByteBudget {
  /** Accounts `n` more bytes; throws 429 when all requests together would pass INGEST_MAX_INFLIGHT_BYTES. */
  take(n: number): void;
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
    };
    g[KEY] = {
      spans: new WriteQueue<SpanRecord>({
        ...common,
        name: 'span',
        write: async (rows) => {
          await writeSpans((await getDatabase()).ingestPool, rows);
        },
      }),
      logs: new WriteQueue<LogRecordInput>({
        ...common,
        name: 'log',
        write: async (rows) => {
          await writeLogs((await getDatabase()).ingestPool, rows);
        },
      }),
      inflight: 0,
      inflightBytes: 0,
    };
  }
  return g[KEY];
}

/**
 * Runs `work` under admission control: at most INGEST_MAX_INFLIGHT_REQUESTS requests at once, and together
 * they may hold at most INGEST_MAX_INFLIGHT_BYTES of bodies (the budget is charged while a body streams in, so
 * a burst of large requests is refused with 429 before it is buffered). Decoded rows stay bounded by the
 * write queues' INGEST_MAX_PENDING_ROWS.
 */
export async function withAdmission<R>(work: (budget: ByteBudget) => Promise<R>): Promise<R> {
  const pipelines = getIngestPipelines();
  const config = getConfig();
  if (pipelines.inflight >= config.INGEST_MAX_INFLIGHT_REQUESTS) {
    throw new AppError('too_many_requests', 'Too many ingest requests in progress; retry later.', { retryAfterSeconds: 1 });
  }
  pipelines.inflight++;
  let held = 0;
  const budget: ByteBudget = {
    take(n) {
      // A lone request may always use up to MAX_REQUEST_BYTES (its own limit), so no valid request starves.
      const othersHold = pipelines.inflightBytes - held > 0;
      if (othersHold && pipelines.inflightBytes + n > config.INGEST_MAX_INFLIGHT_BYTES) {
        throw new AppError('too_many_requests', 'Ingest is busy (too many request bytes in flight); retry later.', { retryAfterSeconds: 1 });
      }
      held += n;
      pipelines.inflightBytes += n;
    },
  };
  try {
    return await work(budget);
  } finally {
    pipelines.inflight--;
    pipelines.inflightBytes -= held;
  }
}
