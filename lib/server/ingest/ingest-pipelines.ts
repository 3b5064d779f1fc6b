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
          await writeSpans((await getDatabase()).pool, rows);
        },
      }),
      logs: new WriteQueue<LogRecordInput>({
        ...common,
        name: 'log',
        write: async (rows) => {
          await writeLogs((await getDatabase()).pool, rows);
        },
      }),
      inflight: 0,
    };
  }
  return g[KEY];
}

/** Runs `work` if fewer than INGEST_MAX_INFLIGHT_REQUESTS requests are being handled, else 429. */
export async function withAdmission<R>(work: () => Promise<R>): Promise<R> {
  const pipelines = getIngestPipelines();
  if (pipelines.inflight >= getConfig().INGEST_MAX_INFLIGHT_REQUESTS) {
    throw new AppError('too_many_requests', 'Too many ingest requests in progress; retry later.', { retryAfterSeconds: 1 });
  }
  pipelines.inflight++;
  try {
    return await work();
  } finally {
    pipelines.inflight--;
  }
}
