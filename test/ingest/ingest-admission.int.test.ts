// Issue #19, admission before the body: with INGEST_MAX_INFLIGHT_REQUESTS=1 and one export holding the slot
// (its head sent, its body not yet), every further export on every ingest route is answered 429 with
// Retry-After although its body has not been sent at all — the refusal reads nothing first. A refused export
// whose declared body is small keeps its connection: the server discards the body when it comes, and the retry
// on the same connection commits. A body declared above INGEST_REFUSAL_KEEPALIVE_BYTES gets `Connection: close`
// (the server closes the socket instead of reading it). The admitted export commits when its body arrives;
// refused ones store nothing. And a full write queue (its writer blocked by a table lock) refuses the same way.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { hex, INGEST_ROUTES, lokiJsonPush, otlpJsonLogs, otlpJsonTrace, zipkinSpans } from '../support/ingest-bodies';
import { RawHttpConnection, type RawResponse } from '../support/raw-http-connection';

// A refused export whose declared body is at most this long keeps its connection (the default is 4 MiB).
const KEEPALIVE_BYTES = 64 * 1024;
let db: TestDatabase;
let app: AppServer;
const connections: RawHttpConnection[] = [];

beforeAll(async () => {
  db = await createTestDatabase('th_ovl_admit');
  app = await startAppServer({ DATABASE_URL: db.url, INGEST_MAX_INFLIGHT_REQUESTS: '1', INGEST_MAX_PENDING_ROWS: '1', INGEST_REFUSAL_KEEPALIVE_BYTES: String(KEEPALIVE_BYTES) });
});

afterAll(async () => {
  for (const c of connections) c.close();
  await app?.stop();
  await db?.drop();
});

function open(): RawHttpConnection {
  const c = new RawHttpConnection(app.port);
  connections.push(c);
  return c;
}

function jsonHead(body: string): Record<string, string> {
  return { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) };
}

/** Resolves with the first `n` of the `pending` responses (by index) as they arrive. */
async function firstResponses(pending: Promise<RawResponse>[], n: number): Promise<Map<number, RawResponse>> {
  const answered = new Map<number, RawResponse>();
  await new Promise<void>((resolve) => {
    pending.forEach(
      (p, i) =>
        void p.then((r) => {
          answered.set(i, r);
          if (answered.size === n) resolve();
        }),
    );
  });
  return answered;
}

async function storedTraceIds(): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(`SELECT DISTINCT encode(trace_id, 'hex') AS id FROM spans`);
    return new Set(rows.map((r) => r.id));
  } finally {
    await client.end();
  }
}

describe('ingest admission before the body is read', () => {
  it('refuses exports past the in-flight limit with 429 + Retry-After before their bodies are sent; the slot holder commits', async () => {
    const traceIds = [0, 1, 2, 3].map(() => hex(16));
    const bodies = traceIds.map((traceId) => JSON.stringify(otlpJsonTrace({ traceId })));
    const conns = bodies.map((body) => {
      const c = open();
      c.sendHead('POST', '/v1/traces', jsonHead(body));
      return c;
    });
    // Exactly one export can hold the slot (it waits for its body); the other three must be answered now.
    const responses = conns.map((c) => c.nextResponse());
    const refused = await firstResponses(responses, 3);
    for (const r of refused.values()) {
      expect(r.status).toBe(429);
      expect(r.headers['retry-after']).toBe('1');
      expect(JSON.parse(r.body).error.code).toBe('too_many_requests');
    }
    const admitted = [0, 1, 2, 3].find((i) => !refused.has(i))!;

    // The refused connections stay open; the bodies their clients go on sending are read and thrown away.
    for (const [i, r] of refused) {
      expect(r.headers.connection).toBe('keep-alive');
      conns[i]!.send(bodies[i]!);
    }
    conns[admitted]!.send(bodies[admitted]!);
    expect((await responses[admitted]!).status).toBe(200);
    const stored = await storedTraceIds();
    traceIds.forEach((id, i) => expect(stored.has(id)).toBe(i === admitted));

    // Each retry goes over the refused export's own connection and commits (one at a time: the slot is one).
    for (const i of refused.keys()) {
      conns[i]!.sendHead('POST', '/v1/traces', jsonHead(bodies[i]!), bodies[i]!);
      expect((await conns[i]!.nextResponse()).status).toBe(200);
    }
    expect(await storedTraceIds()).toEqual(new Set(traceIds));
  });

  it('applies the same admission to OTLP logs, Zipkin and Loki push', async () => {
    const holderBody = JSON.stringify(otlpJsonTrace());
    const holder = open();
    holder.sendHead('POST', '/v1/traces', jsonHead(holderBody));
    const bodies: Record<keyof typeof INGEST_ROUTES, string> = {
      traces: JSON.stringify(otlpJsonTrace()),
      logs: JSON.stringify(otlpJsonLogs()),
      zipkin: JSON.stringify(zipkinSpans()),
      loki: JSON.stringify(lokiJsonPush({ job: 'admission' })),
    };
    // The holder may not have reached the handler before the others: whichever request is admitted first holds
    // the slot and the rest are refused; the holder is one of five candidates like any other.
    const routes = Object.keys(bodies) as (keyof typeof INGEST_ROUTES)[];
    const conns = routes.map((route) => {
      const c = open();
      c.sendHead('POST', INGEST_ROUTES[route].path, jsonHead(bodies[route]));
      return c;
    });
    const all = [holder, ...conns];
    const responses = all.map((c) => c.nextResponse());
    const refused = await firstResponses(responses, all.length - 1);
    for (const r of refused.values()) {
      expect(r.status).toBe(429);
      expect(r.headers['retry-after']).toBe('1');
    }
    const admitted = all.findIndex((_, i) => !refused.has(i));
    const admittedBody = admitted === 0 ? holderBody : bodies[routes[admitted - 1]!];
    all[admitted]!.send(admittedBody);
    expect((await responses[admitted]!).status).toBeLessThan(300);
  });

  it('refuses with 429 + Retry-After before reading the body while the write queue is full, closing connections whose bodies are too long to discard', async () => {
    const locker = new pg.Client({ connectionString: db.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE spans IN ACCESS EXCLUSIVE MODE');
      const traceId = hex(16);
      const queued = fetch(`${app.url}/v1/traces`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(otlpJsonTrace({ traceId })) });
      // The export's row is queued once its write waits for the lock (bounded poll on Postgres's own view).
      for (let i = 0; ; i++) {
        const { rows } = await locker.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        if (rows[0]!.n > 0) break;
        if (i > 600) throw new Error('the export never reached the write queue');
        await new Promise((r) => setTimeout(r, 50));
      }
      const body = JSON.stringify(otlpJsonTrace());
      const c = open();
      c.sendHead('POST', '/v1/traces', jsonHead(body));
      const refused = await c.nextResponse();
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('1');
      expect(JSON.parse(refused.body).error.message).toMatch(/saturated/);
      expect(refused.headers.connection).toBe('keep-alive');
      // A body declared too long to discard is not read: the refusal closes its connection.
      const big = open();
      big.sendHead('POST', '/v1/traces', { 'Content-Type': 'application/json', 'Content-Length': String(KEEPALIVE_BYTES + 1) });
      const bigRefused = await big.nextResponse();
      expect(bigRefused.status).toBe(429);
      expect(bigRefused.headers.connection).toBe('close');
      await big.whenClosed();
      await locker.query('COMMIT');
      expect((await queued).status).toBe(200);
      expect((await storedTraceIds()).has(traceId)).toBe(true);
    } finally {
      await locker.end();
    }
  });
});
