// Seeds the e2e database with the search fixture (test/fixtures/search-traces.ts) plus trace E
// (payment → gateway, closing a service cycle). Run as a child process with `--conditions=react-server`
// because the span writer is a server-only module: node --import tsx --conditions=react-server <this> <db url>
import pg from 'pg';
import { SpanKind } from '../../lib/domain/model/span';
import { writeSpans } from '../../lib/server/spans/write-spans';
import { searchFixture } from '../../test/fixtures/search-traces';
import { makeSpan } from '../../test/support/make-span';

export const TRACE_E = 'e0000000000000000000000000000005';

async function main(): Promise<void> {
  const url = process.argv[2];
  if (!url) throw new Error('usage: seed-search.ts <database url>');
  const base = (BigInt(Date.now()) - 600_000n) * 1_000_000n;
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  // Idempotent: Playwright re-runs beforeAll in a fresh worker after a failure; span keys include the start
  // time, so seeding twice with a new base would duplicate the traces.
  const existing = await pool.query('SELECT 1 FROM trace_summaries LIMIT 1');
  if (existing.rowCount) return void (await pool.end());
  const e1 = makeSpan({
    traceId: TRACE_E,
    spanId: 'e000000000000001',
    serviceName: 'payment',
    name: 'refund',
    kind: SpanKind.SERVER,
    startTimeUnixNano: base + 500_000_000n,
    endTimeUnixNano: base + 600_000_000n,
  });
  const e2 = makeSpan({
    traceId: TRACE_E,
    spanId: 'e000000000000002',
    parentSpanId: 'e000000000000001',
    serviceName: 'gateway',
    name: 'callback',
    kind: SpanKind.SERVER,
    startTimeUnixNano: base + 510_000_000n,
    endTimeUnixNano: base + 520_000_000n,
  });
  await writeSpans(pool, [...searchFixture(base), e1, e2]);
  await pool.end();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
