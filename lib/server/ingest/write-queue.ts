import 'server-only';
// The ingest write pipeline: requests submit decoded rows and wait; a few writers drain the queue in
// multi-row batches that combine rows of many requests (one statement per batch), and each request's promise
// settles only after the batch holding its rows has COMMITTED — so an HTTP 200 means the data is durable.
//
// Memory stays bounded: the queue admits at most `maxPendingRows` rows (queued + being written); past that
// submit() fails fast with 429 + Retry-After instead of buffering. A request larger than the whole budget is
// still admitted when the queue is empty, so no valid request can starve. Requests are never split across
// batches, so a request's rows commit together.
//
// Failures are isolated: when a batch fails with a DATA error (one request's rows cannot be stored — the
// mappers make that rare, see storable.ts), each request of the batch is written again on its own, so only
// the guilty request is rejected (400) and the others commit. A batch that fails for any other reason (the
// database is down) rejects every request in it: they answer 5xx and the client retries; re-delivery is
// harmless because writers ignore duplicates. A batch that fails for a transient reason (a deadlock, a
// serialization failure, a lock timeout: the transaction was rolled back, and the same rows will likely
// commit on a second try) is written again here first, since most exporters drop a batch answered 5xx.
import { AppError } from '../http/app-error';
import { isDataError, rowsRejectedError } from './data-error';

export interface WriteQueueOptions<T> {
  name: string;
  /** Rows per statement to aim for; one request may exceed it. */
  maxBatchRows: number;
  /**
   * Rows an item stands for (default 1). The span pipeline queues one prepared chunk per request (its rows already
   * serialized, see prepared-span-rows.ts), which counts as its row count against the batch size and the budget.
   */
  weight?(item: T): number;
  /** Upper bound on rows held in memory (queued plus in flight). */
  maxPendingRows: number;
  /** Batches written at the same time (each holds one pool connection). */
  concurrency: number;
  /**
   * Writes the rows; may return, per item, how many rows it stored nothing for although they differ from what is
   * stored (conflicting duplicates): each request then learns how many of its own rows those were.
   */
  write(rows: T[]): Promise<ReadonlyMap<T, number> | void>;
  /**
   * Awaited before each write, so the writer's synchronous part (sorting and serializing a batch) runs in a turn
   * of its own instead of back to back with request decoding (cpu-turns.ts). Default: start at once.
   */
  takeTurn?(): Promise<void>;
  /** True when `error` is caused by the rows themselves (default: isDataError, see data-error.ts). */
  isDataError?(error: unknown): boolean;
  /** Pause before writing a batch again after a transient failure, per earlier attempt (default 25 ms). */
  retryDelayMs?: number;
}

/** Writes of one batch, the first included, before a transient failure is passed on to its requests. */
export const WRITE_ATTEMPTS = 3;

/** SQLSTATEs after which the same statement may well succeed: deadlock, serialization failure, lock timeout. */
const TRANSIENT = new Set(['40P01', '40001', '55P03']);

function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT.has(code);
}

interface Pending<T> {
  rows: readonly T[];
  /** Rows these items stand for (see WriteQueueOptions.weight). */
  weight: number;
  resolve(flagged: number): void;
  reject(error: unknown): void;
}

export interface WriteQueueStats {
  pendingRows: number;
  queuedRequests: number;
  activeWriters: number;
  batches: number;
  rowsWritten: number;
}

function countFlagged<T>(rows: readonly T[], flagged: ReadonlyMap<T, number> | void): number {
  if (!flagged || flagged.size === 0) return 0;
  let n = 0;
  for (const r of rows) n += flagged.get(r) ?? 0;
  return n;
}

export class WriteQueue<T> {
  private readonly queue: Pending<T>[] = [];
  private pendingRows = 0;
  private activeWriters = 0;
  private batches = 0;
  private rowsWritten = 0;
  /** Moving average of rows per submitted request, for admission before a body is decoded. */
  private rowsPerRequest = 0;

  constructor(private readonly options: WriteQueueOptions<T>) {}

  stats(): WriteQueueStats {
    return {
      pendingRows: this.pendingRows,
      queuedRequests: this.queue.length,
      activeWriters: this.activeWriters,
      batches: this.batches,
      rowsWritten: this.rowsWritten,
    };
  }

  /**
   * Whether `requests` more requests of the usual size would pass maxPendingRows: checked before their bodies
   * are read, so a refusal costs no decoding (ingest-pipelines.ts). `requests` counts the new one plus those
   * still being read or decoded, so a burst of requests at an empty queue is bounded too (issue #19: 96 senders
   * starting at once were all admitted, 45 bodies read at the same time). A lone request is always admitted.
   */
  wouldSaturate(requests: number): boolean {
    if (this.pendingRows === 0 && requests <= 1) return false;
    return this.pendingRows + requests * this.rowsPerRequest > this.options.maxPendingRows;
  }

  /**
   * Resolves once every row is committed, to how many of them the writer flagged (see `write`); rejects with
   * 429 when saturated or with the write error.
   */
  submit(rows: readonly T[]): Promise<number> {
    const weight = this.weightOf(rows);
    if (weight === 0) return Promise.resolve(0);
    this.rowsPerRequest = this.rowsPerRequest === 0 ? weight : this.rowsPerRequest * 0.9 + weight * 0.1;
    if (this.pendingRows > 0 && this.pendingRows + weight > this.options.maxPendingRows) {
      return Promise.reject(new AppError('too_many_requests', `The ${this.options.name} write pipeline is saturated; retry later.`, { retryAfterSeconds: 1 }));
    }
    this.pendingRows += weight;
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ rows, weight, resolve, reject });
      this.pump();
    });
  }

  private weightOf(rows: readonly T[]): number {
    const weight = this.options.weight;
    if (!weight) return rows.length;
    let n = 0;
    for (const r of rows) n += weight(r);
    return n;
  }

  private pump(): void {
    while (this.activeWriters < this.options.concurrency && this.queue.length > 0) {
      const batch = this.takeBatch();
      this.activeWriters++;
      void this.writeBatch(batch);
    }
  }

  private takeBatch(): Pending<T>[] {
    const batch: Pending<T>[] = [];
    let rows = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0] as Pending<T>;
      if (batch.length > 0 && rows + next.weight > this.options.maxBatchRows) break;
      batch.push(next);
      rows += next.weight;
      this.queue.shift();
    }
    return batch;
  }

  private async writeBatch(batch: Pending<T>[]): Promise<void> {
    const rows: T[] = [];
    let weight = 0;
    for (const p of batch) {
      for (const r of p.rows) rows.push(r);
      weight += p.weight;
    }
    const dataError = this.options.isDataError ?? isDataError;
    try {
      try {
        if (this.options.takeTurn) await this.options.takeTurn();
        const flagged = await this.writeWithRetries(rows);
        this.batches++;
        this.rowsWritten += weight;
        for (const p of batch) p.resolve(countFlagged(p.rows, flagged));
      } catch (error) {
        if (!dataError(error)) {
          for (const p of batch) p.reject(error);
        } else if (batch.length === 1) {
          batch[0]!.reject(rowsRejectedError(error));
        } else {
          // Isolate the guilty request: each request's rows again, on their own.
          for (const p of batch) {
            try {
              const flagged = await this.writeWithRetries([...p.rows]);
              this.batches++;
              this.rowsWritten += p.weight;
              p.resolve(countFlagged(p.rows, flagged));
            } catch (single) {
              p.reject(dataError(single) ? rowsRejectedError(single) : single);
            }
          }
        }
      }
    } finally {
      this.pendingRows -= weight;
      this.activeWriters--;
      this.pump();
    }
  }

  private async writeWithRetries(rows: T[]): Promise<ReadonlyMap<T, number> | void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.options.write(rows);
      } catch (error) {
        if (!isTransient(error) || attempt >= WRITE_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, (this.options.retryDelayMs ?? 25) * attempt));
      }
    }
  }
}
