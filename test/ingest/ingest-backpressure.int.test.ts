// Backpressure over real HTTP: with a tiny pending-row budget and one writer, a burst of concurrent exports
// gets 429 + Retry-After for what does not fit, and every request answered 200 is fully stored while every
// request answered 429 stored nothing (a 200 means committed; nothing half-written).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
let app: AppServer;

beforeAll(async () => {
  db = await createTestDatabase('th_ingest_bp');
  app = await startAppServer({
    DATABASE_URL: db.url,
    INGEST_MAX_PENDING_ROWS: '40',
    INGEST_BATCH_ROWS: '40',
    INGEST_WRITE_CONCURRENCY: '1',
  });
});

afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

function traceRequest(index: number): { traceId: string; body: string } {
  const traceId = (index + 1).toString(16).padStart(32, 'a');
  const start = BigInt(Date.now()) * 1_000_000n;
  const spans = Array.from({ length: 30 }, (_, i) => ({
    traceId,
    spanId: (i + 1).toString(16).padStart(16, 'b'),
    parentSpanId: i === 0 ? '' : '1'.padStart(16, 'b'),
    name: `op-${i}`,
    startTimeUnixNano: (start + BigInt(i)).toString(),
    endTimeUnixNano: (start + BigInt(i) + 1000n).toString(),
    attributes: [{ key: 'pad', value: { stringValue: 'x'.repeat(2000) } }],
  }));
  const body = JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'burst' } }] }, scopeSpans: [{ spans }] }] });
  return { traceId, body };
}

describe('ingest backpressure', () => {
  it('answers 429 with Retry-After when saturated; 200s are stored whole, 429s not at all', async () => {
    const requests = Array.from({ length: 40 }, (_, i) => traceRequest(i));
    const responses = await Promise.all(requests.map((r) => fetch(`${app.url}/v1/traces`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: r.body })));
    const statuses = responses.map((r) => r.status);
    // Listed with their bodies and the server's output, so a failure names the unexpected answers.
    const unexpected = await Promise.all(responses.filter((r) => r.status !== 200 && r.status !== 429).map(async (r) => `${r.status} ${await r.clone().text()}`));
    expect(unexpected, app.output().slice(-4000)).toEqual([]);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    for (const r of responses.filter((r) => r.status === 429)) {
      expect(r.headers.get('retry-after')).toBe('1');
      expect((await r.json()).error.code).toBe('too_many_requests');
    }
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ trace_id: string; n: number }>(`SELECT encode(trace_id, 'hex') AS trace_id, count(*)::int AS n FROM spans GROUP BY 1`);
      const stored = new Map(rows.map((r) => [r.trace_id, r.n]));
      requests.forEach((r, i) => {
        if (statuses[i] === 200) expect(stored.get(r.traceId)).toBe(30);
        else expect(stored.has(r.traceId)).toBe(false);
      });
      const summaries = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM trace_summaries');
      expect(summaries.rows[0]!.n).toBe(statuses.filter((s) => s === 200).length);
    } finally {
      await client.end();
    }
  });
});
