// Issue #19, queries never starve ingest and health: while a dozen slow regex searches hold (and queue for) the
// interactive query pool, /api/health answers and an OTLP export commits — both before the searches are done.
// No wall-clock thresholds: the test checks the order of completion. Also: the per-client limit of concurrent
// expensive queries (429 beyond it, other clients unaffected).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/server/db/database';
import { writeSpans } from '@/lib/server/spans/write-spans';
import { makeSpan } from '../support/make-span';
import { startAppServer, type AppServer } from '../support/app-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { hex, otlpJsonTrace, post } from '../support/ingest-bodies';

const SPANS = 40_000;
const SEARCHES = 12;
let db: TestDatabase;
let app: AppServer;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase('th_hard_starve');
  // A small interactive pool, so a dozen searches queue for it as they would for any pool size with more load.
  app = await startAppServer({ DATABASE_URL: db.url, DB_POOL_SIZE: '2', QUERY_MAX_CONCURRENT_PER_CLIENT: String(SEARCHES) });
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  // Spans with a 1 KB attribute each: a regex over it must read and match every row of the window.
  const writer = await openDatabase({ DATABASE_URL: db.url, TRACEHOUND_DATA_DIR: '.data', DB_POOL_SIZE: 2 });
  try {
    const now = BigInt(Date.now()) * 1_000_000n - 60_000_000_000n;
    for (let done = 0; done < SPANS; done += 5_000) {
      const batch = Array.from({ length: 5_000 }, (_, i) =>
        makeSpan({
          traceId: hex(16),
          spanId: hex(8),
          startTimeUnixNano: now + BigInt(done + i) * 1_000n,
          attributes: { blob: { stringValue: randomBytes(512).toString('hex') } },
        }),
      );
      await writeSpans(writer.pool, batch);
    }
  } finally {
    await writer.close();
  }
}, 180_000);

afterAll(async () => {
  await client?.end();
  await app?.stop();
  await db?.drop();
});

const slowSearch = `/api/search?q=${encodeURIComponent('{ span.blob =~ ".*(0f|f0)+.*zz.*" }')}&limit=5`;

async function activeSearches(): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE '%blob%'`);
  return rows[0]!.n;
}

describe('queries never starve ingest and health', () => {
  it('health answers and an OTLP export commits while a dozen slow regex searches run', async () => {
    let searchesDone = 0;
    const searches = Array.from({ length: SEARCHES }, () =>
      app.fetch(`${app.url}${slowSearch}`).then(async (r) => {
        searchesDone++;
        return { status: r.status, text: await r.text() };
      }),
    );
    // Wait until the searches are running in the database (the rest queue for the interactive pool).
    for (let i = 0; i < 400 && (await activeSearches()) === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(await activeSearches()).toBeGreaterThan(0);

    const traceId = hex(16);
    const [health, exported] = await Promise.all([
      fetch(`${app.url}/api/health`).then((r) => r.status),
      post(app.url, '/v1/traces', JSON.stringify(otlpJsonTrace({ traceId })), 'application/json').then((r) => r.status),
    ]);
    const doneWhenAnswered = searchesDone;
    expect(health).toBe(200);
    expect(exported).toBe(200);
    // Committed, and readable from the database, while searches are still running.
    const { rows } = await client.query(`SELECT 1 FROM spans WHERE trace_id = decode($1, 'hex')`, [traceId]);
    expect(rows).toHaveLength(1);
    // With one shared pool, health and the export would have queued behind the ten waiting searches (answered
    // after about eleven had finished); with their own budgets they overtake all but those already running.
    expect(doneWhenAnswered).toBeLessThanOrEqual(2);
    expect(await activeSearches()).toBeGreaterThan(0);

    const results = await Promise.all(searches);
    expect(results.map((r) => r.status)).toEqual(Array(SEARCHES).fill(200));
  }, 120_000);

  it('one client may run only QUERY_MAX_CONCURRENT_PER_CLIENT expensive queries at once; others are unaffected', async () => {
    // Clients are credentials: the admin token is one client, a viewer token another.
    const minted = await app.fetch(`${app.url}/api/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'other client', role: 'viewer' }) });
    const { token: otherToken } = (await minted.json()) as { token: string };
    const mine = Array.from({ length: SEARCHES + 4 }, () => app.fetch(`${app.url}${slowSearch}`));
    // Another client's query is admitted while the first one is at its limit.
    const other = await app.fetch(`${app.url}/api/search?limit=1`, { headers: { authorization: `Bearer ${otherToken}` } });
    const responses = await Promise.all(mine);
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);
    expect(statuses.filter((s) => s === 200)).toHaveLength(SEARCHES);
    const refused = responses.find((r) => r.status === 429)!;
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/Too many queries in progress/);
    expect(other.status).toBe(200);
  }, 120_000);
});
