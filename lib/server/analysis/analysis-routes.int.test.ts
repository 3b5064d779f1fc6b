// GET /api/skew and GET /api/dependencies over real HTTP against the built app (`next build` first) and a
// real PostgreSQL database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { generateTrace } from '@/test/support/generate-trace';
import { openDatabase } from '../db/database';
import { writeSpans } from '../spans/write-spans';

describe('analysis routes (next start, real HTTP)', () => {
  let testDb: TestDatabase;
  let app: AppServer;
  // Recent timestamps: the app's retention job drops partitions older than RETENTION_DAYS at startup.
  const generated = generateTrace(600, 21, 0, 5, (BigInt(Date.now()) - 60_000n) * 1_000_000n);
  const t0 = generated.spans[0]!.startTimeUnixNano;
  const from = (t0 - 1_000_000_000n).toString();
  const to = (t0 + 30_000_000_000n).toString();

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const db = await openDatabase({ DATABASE_URL: testDb.url, TRACEHOUND_DATA_DIR: '.data', DB_POOL_SIZE: 2 });
    await writeSpans(db.pool, generated.spans);
    await db.close();
    app = await startAppServer({ DATABASE_URL: testDb.url, SKEW_WARN_MS: '20' });
  });
  afterAll(async () => {
    await app?.stop();
    await testDb?.drop();
  });

  it('GET /api/skew returns host offsets as decimal strings with the configured threshold', async () => {
    const res = await app.fetch(`${app.url}/api/skew?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ fromUnixNano: from, toUnixNano: to, warnThresholdNs: '20000000' });
    expect(body.sampleCount).toBeGreaterThan(50);
    expect(body.hosts.length).toBeGreaterThan(0);
    for (const h of body.hosts) {
      expect(h.offsetNs).toMatch(/^-?\d+$/);
      const truth = generated.hostOffsetNs.get(h.host.replace('host.name:', ''))! - generated.hostOffsetNs.get(h.referenceHost.replace('host.name:', ''))!;
      expect(Math.abs(Number(h.offsetNs) - truth)).toBeLessThanOrEqual(Number(h.errorBoundNs) + 1);
    }
  });

  it('GET /api/dependencies returns edges with statistics and cycles', async () => {
    const res = await app.fetch(`${app.url}/api/dependencies?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.spanCount).toBe(600);
    expect(body.edges.length).toBeGreaterThan(0);
    expect(body.edges[0]).toEqual({
      source: expect.any(String),
      target: expect.any(String),
      callCount: expect.any(Number),
      errorCount: expect.any(Number),
      errorRate: expect.any(Number),
      p50Ns: expect.stringMatching(/^\d+$/),
      p99Ns: expect.stringMatching(/^\d+$/),
    });
    expect(Array.isArray(body.cycles)).toBe(true);
  });

  it('answers 400 naming the field for a bad window', async () => {
    const res = await app.fetch(`${app.url}/api/dependencies?from=soon`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'bad_request', message: 'from: expected unix nanoseconds or an ISO-8601 instant', field: 'from' } });
    expect((await app.fetch(`${app.url}/api/skew?from=${to}&to=${from}`)).status).toBe(400);
  });
});
