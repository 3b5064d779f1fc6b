import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeSpan } from '@/test/support/make-span';
import { writeSpans } from '../spans/write-spans';
import { writeLogs } from '../logs/write-logs';
import { supportsCopy } from './copy-support';
import { openDatabase } from './database';

// The embedded path: PGlite served over the wire protocol, same pool, same migrations, same writer.
describe('embedded PGlite database', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tracehound-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('migrates, stores spans, and keeps them across a restart', async () => {
    const first = await openDatabase({ DATABASE_URL: undefined, TRACEHOUND_DATA_DIR: dataDir, DB_POOL_SIZE: 4 });
    expect(first.kind).toBe('embedded');
    expect(first.migrations.appliedNow.length).toBeGreaterThan(0);
    const traceId = 'a'.repeat(32);
    const result = await writeSpans(first.pool, [
      makeSpan({ traceId, spanId: '1'.repeat(16), serviceName: 'gateway', name: 'POST /orders' }),
      makeSpan({ traceId, spanId: '2'.repeat(16), parentSpanId: '1'.repeat(16), serviceName: 'payment', statusCode: 2 }),
    ]);
    expect(result.inserted).toBe(2);
    await first.close();

    const second = await openDatabase({ DATABASE_URL: undefined, TRACEHOUND_DATA_DIR: dataDir, DB_POOL_SIZE: 4 });
    try {
      expect(second.migrations.appliedNow).toEqual([]);
      const { rows } = await second.pool.query("SELECT span_count, error_count, services, root_service_name FROM trace_summaries WHERE trace_id = decode($1, 'hex')", [traceId]);
      expect(rows).toEqual([{ span_count: 2, error_count: 1, services: ['gateway', 'payment'], root_service_name: 'gateway' }]);
      // Concurrent transactions on several pooled connections stay isolated through the socket.
      await Promise.all(Array.from({ length: 6 }, (_, i) => writeSpans(second.pool, [makeSpan({ traceId: `${i + 1}`.repeat(32), spanId: 'f'.repeat(16) })])));
      const count = await second.pool.query('SELECT count(*)::int AS n FROM spans');
      expect(count.rows[0].n).toBe(8);

      // The socket server runs all connections on one backend session; concurrent parameterised queries on
      // different pooled connections must neither fail nor get each other's results.
      const echoes = await Promise.all(Array.from({ length: 60 }, (_, i) => second.pool.query<{ v: number; t: string }>('SELECT $1::int AS v, $2::text AS t', [i, `q${i}`])));
      expect(echoes.map((r) => r.rows[0])).toEqual(Array.from({ length: 60 }, (_, i) => ({ v: i, t: `q${i}` })));

      // COPY breaks the PGlite socket; the log writer must take its INSERT path here, twice (idempotent).
      expect(supportsCopy(second.pool)).toBe(false);
      const now = BigInt(Date.now()) * 1_000_000n;
      const line = {
        tenant: 'default',
        traceId,
        spanId: '1'.repeat(16),
        timeUnixNano: now,
        observedTimeUnixNano: null,
        labels: { app: 'checkout' },
        line: 'charged card',
        metadata: {},
        severityText: 'info',
        severityNumber: 9,
      };
      expect((await writeLogs(second.pool, [line])).inserted).toBe(1);
      expect((await writeLogs(second.pool, [line])).inserted).toBe(0);
      const logs = await second.pool.query("SELECT line FROM logs WHERE trace_id = decode($1, 'hex')", [traceId]);
      expect(logs.rows).toEqual([{ line: 'charged card' }]);
    } finally {
      await second.close();
    }
  });
});
