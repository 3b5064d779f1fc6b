// writeLogs against real Postgres: streams upserted once, re-delivery stored once, trace ids indexed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { applyMigrations } from '@/lib/server/db/migrate';
import type { LogRow } from '@/lib/domain/model/log-row';
import { writeLogs } from './write-logs';
import { streamIdOf } from './log-hashes';
import { queryLogs } from './query-logs';
import { parseLogql } from '@/lib/domain/logql/parse-logql';

let db: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase('th_logs_write');
  pool = new pg.Pool({ connectionString: db.url });
  await applyMigrations(pool);
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});

const T0 = 1_764_000_000_000_000_000n;

function row(over: Partial<LogRow>): LogRow {
  return {
    tenant: 'default',
    traceId: null,
    spanId: null,
    timeUnixNano: T0,
    observedTimeUnixNano: null,
    labels: { app: 'api', env: 'prod' },
    line: 'hello',
    metadata: {},
    severityText: null,
    severityNumber: null,
    ...over,
  };
}

describe('writeLogs', () => {
  it('stores lines, one stream per label set, and is idempotent on re-delivery', async () => {
    const rows = [
      row({ line: 'a', traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', metadata: { user: 'x' } }),
      row({ line: 'b', timeUnixNano: T0 + 1n, labels: { env: 'prod', app: 'api' }, severityText: 'error', severityNumber: 17 }),
      row({ line: 'c', labels: { app: 'web' }, timeUnixNano: T0 + 86_400_000_000_000n }),
    ];
    expect(await writeLogs(pool, rows)).toEqual({ inserted: 3 });
    expect(await writeLogs(pool, rows)).toEqual({ inserted: 0 });
    const streams = await pool.query('SELECT stream_id, labels, first_seen_unix_nano, last_seen_unix_nano FROM log_streams ORDER BY labels::text');
    expect(streams.rows).toHaveLength(2);
    const api = streams.rows.find((r) => r.labels.app === 'api');
    expect(BigInt(api.stream_id)).toBe(streamIdOf({ app: 'api', env: 'prod' }));
    expect(BigInt(api.first_seen_unix_nano)).toBe(T0);
    expect(BigInt(api.last_seen_unix_nano)).toBe(T0 + 1n);
    const lines = await pool.query(`SELECT encode(trace_id,'hex') AS trace, encode(span_id,'hex') AS span, line, metadata, severity_text FROM logs ORDER BY line`);
    expect(lines.rows).toEqual([
      { trace: '0af7651916cd43dd8448eb211c80319c', span: 'b7ad6b7169203331', line: 'a', metadata: { user: 'x' }, severity_text: null },
      { trace: '', span: null, line: 'b', metadata: {}, severity_text: 'error' },
      { trace: '', span: null, line: 'c', metadata: {}, severity_text: null },
    ]);
  });

  it('widens first/last seen and treats invalid ids as unknown', async () => {
    await writeLogs(pool, [row({ line: 'early', timeUnixNano: T0 - 5n, traceId: 'not-hex' })]);
    const s = await pool.query(`SELECT first_seen_unix_nano FROM log_streams WHERE labels @> '{"app":"api"}'`);
    expect(BigInt(s.rows[0].first_seen_unix_nano)).toBe(T0 - 5n);
    const l = await pool.query(`SELECT length(trace_id) AS n FROM logs WHERE line = 'early'`);
    expect(l.rows[0].n).toBe(0);
  });

  it('stores duplicate lines within one batch once (COPY falls back to ON CONFLICT)', async () => {
    const dup = row({ line: 'dup', labels: { app: 'dup' }, metadata: { k: 'tab\tnew\nline\\' } });
    expect(await writeLogs(pool, [dup, { ...dup }, row({ line: 'dup2', labels: { app: 'dup' } })])).toEqual({ inserted: 2 });
    const r = await pool.query(`SELECT line, metadata FROM logs WHERE line LIKE 'dup%' ORDER BY line`);
    expect(r.rows).toEqual([
      { line: 'dup', metadata: { k: 'tab\tnew\nline\\' } },
      { line: 'dup2', metadata: {} },
    ]);
  });

  it('COPY path keeps backslashes, tabs, newlines and NULs intact (NUL becomes U+FFFD)', async () => {
    const line = 'a\\b\tc\nd\re\u0000f \\N';
    expect(await writeLogs(pool, [row({ line, labels: { app: 'esc' }, severityText: 'warn', severityNumber: 13, spanId: 'b7ad6b7169203331' })])).toEqual({ inserted: 1 });
    const r = await pool.query(`SELECT line, severity_number, encode(span_id, 'hex') AS span FROM logs WHERE stream_id = $1`, [streamIdOf({ app: 'esc' }).toString()]);
    expect(r.rows).toEqual([{ line: line.replace('\u0000', '\uFFFD'), severity_number: 13, span: 'b7ad6b7169203331' }]);
  });

  it('writes inside a caller transaction with the INSERT path', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      expect(await writeLogs(client, [row({ line: 'tx', labels: { app: 'tx' } })])).toEqual({ inserted: 1 });
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect((await pool.query(`SELECT count(*)::int AS n FROM logs WHERE line = 'tx'`)).rows[0].n).toBe(0);
  });

  it('a stream whose last_seen lags (skipped upsert) is still found by a query starting after it', async () => {
    const labels = { app: 'lag' };
    await writeLogs(pool, [row({ line: 'first', labels, timeUnixNano: T0 })]);
    await writeLogs(pool, [row({ line: 'second', labels, timeUnixNano: T0 + 30_000_000_000n })]);
    const s = await pool.query(`SELECT last_seen_unix_nano FROM log_streams WHERE stream_id = $1`, [streamIdOf(labels).toString()]);
    expect(BigInt(s.rows[0].last_seen_unix_nano)).toBe(T0); // the second batch was inside the slack: no upsert
    const lines = await queryLogs(
      pool,
      parseLogql('{app="lag"}'),
      { tenant: 'default', startNs: T0 + 10_000_000_000n, endNs: T0 + 60_000_000_000n },
      {
        limit: 10,
        direction: 'forward',
      },
    );
    expect(lines.map((l) => l.line)).toEqual(['second']);
  });
});
