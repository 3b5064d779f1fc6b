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
    expect(await statusOf(withAdmission(async (budget) => { budget.take(60); budget.take(500); }))).toBe(200);
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
});
