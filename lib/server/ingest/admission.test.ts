// Admission control of ingest requests: request count and in-flight byte budget (no database needed).
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../http/app-error';

let withAdmission: typeof import('./ingest-pipelines').withAdmission;

beforeAll(async () => {
  process.env.INGEST_MAX_INFLIGHT_BYTES = '100';
  process.env.INGEST_MAX_INFLIGHT_REQUESTS = '2';
  ({ withAdmission } = await import('./ingest-pipelines'));
});

function gate() {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (error) {
    return error instanceof AppError ? error.status : 500;
  }
}

describe('withAdmission', () => {
  it('refuses bytes past the shared budget with 429, but never a lone request', async () => {
    const g = gate();
    const a = withAdmission(async (budget) => {
      budget.take(80);
      await g.promise;
    });
    expect(await statusOf(withAdmission(async (budget) => budget.take(30)))).toBe(429);
    expect(await statusOf(withAdmission(async (budget) => budget.take(20)))).toBe(200);
    g.open();
    await a;
    // Alone, a request may hold more than the budget (its own MAX_REQUEST_BYTES still applies upstream).
    expect(
      await statusOf(
        withAdmission(async (budget) => {
          budget.take(60);
          budget.take(500);
        }),
      ),
    ).toBe(200);
  });

  it('refuses requests past INGEST_MAX_INFLIGHT_REQUESTS and releases slots afterwards', async () => {
    const g = gate();
    const held = [withAdmission(() => g.promise), withAdmission(() => g.promise)];
    const refused = await withAdmission(async () => {}).catch((e: AppError) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(429);
    expect((refused as AppError).retryAfterSeconds).toBe(1);
    g.open();
    await Promise.all(held);
    expect(await statusOf(withAdmission(async () => {}))).toBe(200);
  });

  it('decides before the body is read: declared Content-Length past the budget, or a queue that would saturate', async () => {
    const g = gate();
    const held = withAdmission(async (budget) => {
      budget.take(60);
      await g.promise;
    });
    let ran = 0;
    const work = async () => void ran++;
    expect(await statusOf(withAdmission(work, { declaredBytes: 50 }))).toBe(429);
    expect(await statusOf(withAdmission(work, { declaredBytes: 40 }))).toBe(200);
    expect(await statusOf(withAdmission(work, { queue: { wouldSaturate: (n) => n >= 2 } }))).toBe(429);
    expect(ran).toBe(1);
    g.open();
    await held;
  });
});

describe('WriteQueue.wouldSaturate', () => {
  it('estimates from the rows per request seen so far; an empty queue always admits a lone request', async () => {
    const { WriteQueue } = await import('./write-queue');
    let release!: () => void;
    const q = new WriteQueue<number>({ name: 't', maxBatchRows: 100, maxPendingRows: 10, concurrency: 1, write: () => new Promise<void>((r) => (release = r)) });
    expect(q.wouldSaturate(100)).toBe(false);
    const pending = q.submit([1, 2, 3, 4]);
    expect(q.wouldSaturate(1)).toBe(false); // 4 + 4 <= 10
    expect(q.wouldSaturate(2)).toBe(true); // 4 + 8 > 10
    await new Promise((r) => setTimeout(r, 0));
    release();
    await pending;
    expect(q.wouldSaturate(1)).toBe(false); // a lone request at an empty queue
    expect(q.wouldSaturate(2)).toBe(false); // 2 × 4 <= 10
    expect(q.wouldSaturate(3)).toBe(true); // a burst at an empty queue is bounded too: 3 × 4 > 10
  });
});
