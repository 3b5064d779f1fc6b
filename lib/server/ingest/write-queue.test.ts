import { describe, expect, it } from 'vitest';
import { AppError } from '../http/app-error';
import { WRITE_ATTEMPTS, WriteQueue } from './write-queue';

/** A writer whose batches complete only when the test releases them. */
function controlledWriter() {
  const batches: { rows: number[]; release: () => void; fail: (e: Error) => void }[] = [];
  const write = (rows: number[]) => new Promise<void>((resolve, reject) => batches.push({ rows, release: resolve, fail: reject }));
  return { batches, write };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('WriteQueue', () => {
  it('resolves a request only after its batch is written, and batches queued requests together', async () => {
    const w = controlledWriter();
    const q = new WriteQueue<number>({ name: 't', maxBatchRows: 5, maxPendingRows: 100, concurrency: 1, write: w.write });
    const settled: string[] = [];
    const a = q.submit([1, 2]).then(() => settled.push('a'));
    const b = q.submit([3, 4]).then(() => settled.push('b'));
    const c = q.submit([5]).then(() => settled.push('c'));
    const d = q.submit([6, 7, 8]).then(() => settled.push('d'));
    await tick();
    expect(w.batches.map((x) => x.rows)).toEqual([[1, 2]]);
    expect(settled).toEqual([]);
    w.batches[0]!.release();
    await a;
    await tick();
    // b and c share one statement; d would pass maxBatchRows and waits for the next.
    expect(w.batches.map((x) => x.rows)).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
    expect(settled).toEqual(['a']);
    w.batches[1]!.release();
    await Promise.all([b, c]);
    await tick();
    w.batches[2]!.release();
    await d;
    expect(settled).toEqual(['a', 'b', 'c', 'd']);
    expect(q.stats()).toMatchObject({ pendingRows: 0, batches: 3, rowsWritten: 8 });
  });

  it('weighs items by their row count (one prepared chunk per request) for batches and budget, and reports flagged rows per item', async () => {
    interface Chunk {
      name: string;
      rows: number;
    }
    const written: string[][] = [];
    let release: () => void = () => {};
    const q = new WriteQueue<Chunk>({
      name: 't',
      maxBatchRows: 10,
      maxPendingRows: 20,
      concurrency: 1,
      weight: (chunk) => chunk.rows,
      write: (chunks) => {
        written.push(chunks.map((c) => c.name));
        return new Promise((resolve) => {
          // Each chunk named "dup…" had 2 of its rows stored before with other content.
          release = () => resolve(new Map(chunks.map((c) => [c, c.name.startsWith('dup') ? 2 : 0])));
        });
      },
    });
    const a = q.submit([{ name: 'a', rows: 8 }]);
    await tick();
    const b = q.submit([{ name: 'dup-b', rows: 6 }]);
    const c = q.submit([{ name: 'c', rows: 4 }]);
    expect(q.stats().pendingRows).toBe(18);
    // 18 rows pending: a 3-row chunk would pass the 20-row budget.
    await expect(q.submit([{ name: 'd', rows: 3 }])).rejects.toMatchObject({ code: 'too_many_requests' });
    release();
    expect(await a).toBe(0);
    await tick();
    // b and c: 10 rows, one batch.
    expect(written).toEqual([['a'], ['dup-b', 'c']]);
    release();
    expect(await Promise.all([b, c])).toEqual([2, 0]);
    expect(q.stats()).toMatchObject({ pendingRows: 0, batches: 2, rowsWritten: 18 });
  });

  it('answers 429 with Retry-After when the pending-row budget is spent, and admits again once drained', async () => {
    const w = controlledWriter();
    const q = new WriteQueue<number>({ name: 't', maxBatchRows: 10, maxPendingRows: 4, concurrency: 1, write: w.write });
    const first = q.submit([1, 2, 3]);
    const rejected = await q.submit([4, 5]).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(AppError);
    expect((rejected as AppError).status).toBe(429);
    expect((rejected as AppError).retryAfterSeconds).toBe(1);
    await tick();
    w.batches[0]!.release();
    await first;
    const next = q.submit([4, 5]);
    await tick();
    w.batches[1]!.release();
    await next;
    // A request bigger than the whole budget is still admitted into an empty queue.
    const big = q.submit([1, 2, 3, 4, 5, 6]);
    await tick();
    w.batches[2]!.release();
    await big;
  });

  it('rejects every request of a failed batch and keeps working', async () => {
    const w = controlledWriter();
    const q = new WriteQueue<number>({ name: 't', maxBatchRows: 10, maxPendingRows: 100, concurrency: 1, write: w.write });
    const a = q.submit([1]);
    const b = q.submit([2]).catch((e: Error) => e.message);
    const c = q.submit([3]).catch((e: Error) => e.message);
    await tick();
    w.batches[0]!.release();
    await a;
    await tick();
    w.batches[1]!.fail(new Error('db down'));
    expect(await b).toBe('db down');
    expect(await c).toBe('db down');
    expect(q.stats().pendingRows).toBe(0);
    const d = q.submit([4]);
    await tick();
    w.batches[2]!.release();
    await d;
  });

  it('runs up to `concurrency` batches at once', async () => {
    const w = controlledWriter();
    const q = new WriteQueue<number>({ name: 't', maxBatchRows: 1, maxPendingRows: 100, concurrency: 2, write: w.write });
    const all = [q.submit([1]), q.submit([2]), q.submit([3])];
    await tick();
    expect(w.batches).toHaveLength(2);
    w.batches[0]!.release();
    await tick();
    expect(w.batches).toHaveLength(3);
    w.batches[1]!.release();
    w.batches[2]!.release();
    await Promise.all(all);
  });
});

describe('WriteQueue failure isolation', () => {
  it('re-runs a batch that failed with a data error per request: only the guilty request is rejected with 400', async () => {
    const written: number[][] = [];
    const write = async (rows: number[]) => {
      if (rows.includes(13)) throw Object.assign(new Error('invalid byte sequence'), { code: '22021' });
      written.push(rows);
    };
    const q = new WriteQueue<number>({ name: 't', maxBatchRows: 100, maxPendingRows: 100, concurrency: 1, write });
    const gate = q.submit([0]);
    const results = await Promise.all([
      gate.then(() => 'ok'),
      q.submit([1, 2]).then(() => 'ok'),
      q.submit([12, 13]).then(
        () => 'ok',
        (e: AppError) => `${e.status} ${e.message}`,
      ),
      q.submit([3]).then(() => 'ok'),
    ]);
    expect(results).toEqual(['ok', 'ok', "400 The request's data cannot be stored: invalid byte sequence", 'ok']);
    expect(written).toEqual([[0], [1, 2], [3]]);
    expect(q.stats()).toMatchObject({ pendingRows: 0, rowsWritten: 4 });
  });

  it('does not re-run batches that failed for other reasons', async () => {
    let calls = 0;
    const q = new WriteQueue<number>({
      name: 't',
      maxBatchRows: 100,
      maxPendingRows: 100,
      concurrency: 1,
      write: async () => {
        calls++;
        throw Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });
      },
    });
    const r = await Promise.all([q.submit([1]), q.submit([2]), q.submit([3])].map((p) => p.catch((e: Error) => e.message)));
    expect(r).toEqual(['connection reset', 'connection reset', 'connection reset']);
    expect(calls).toBe(2);
  });
});

describe('WriteQueue transient failures', () => {
  const pgError = (code: string) => Object.assign(new Error(`sqlstate ${code}`), { code });

  it('writes a batch again after a deadlock or lock timeout, and its requests succeed', async () => {
    const calls: number[][] = [];
    const failures = [pgError('40P01'), pgError('55P03')];
    const q = new WriteQueue<number>({
      name: 't',
      maxBatchRows: 10,
      maxPendingRows: 100,
      concurrency: 1,
      retryDelayMs: 1,
      write: async (rows) => {
        calls.push([...rows]);
        const failure = failures.shift();
        if (failure) throw failure;
      },
    });
    await expect(q.submit([1, 2])).resolves.toBe(0);
    expect(calls).toEqual([
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
    expect(q.stats().rowsWritten).toBe(2);
  });

  it('passes a transient failure on after WRITE_ATTEMPTS writes, and never retries other errors', async () => {
    let writes = 0;
    const q = new WriteQueue<number>({
      name: 't',
      maxBatchRows: 10,
      maxPendingRows: 100,
      concurrency: 1,
      retryDelayMs: 1,
      write: async (rows) => {
        writes++;
        throw rows[0] === 1 ? pgError('40001') : pgError('08006');
      },
    });
    await expect(q.submit([1])).rejects.toMatchObject({ code: '40001' });
    expect(writes).toBe(WRITE_ATTEMPTS);
    writes = 0;
    await expect(q.submit([2])).rejects.toMatchObject({ code: '08006' });
    expect(writes).toBe(1);
  });
});
