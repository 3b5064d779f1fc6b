// Background diagnosis on real Postgres: settled traces get their most likely cause and finding types stored
// with the summary, small traces before large ones, again after new spans arrive; search shows the cause and
// TraceQL filters on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TENANT } from '@/lib/domain/model/span';
import { openDatabase, type Database } from '@/lib/server/db/database';
import { queryRows } from '@/lib/server/db/queryable';
import { sql } from '@/lib/server/db/sql-template';
import { searchTraces } from '@/lib/server/search/search-traces';
import { findTraceSummaryRow, traceSummaryOf } from '@/lib/server/traces/trace-summary-row';
import { writeSpans } from '@/lib/server/spans/write-spans';
import { span } from '@/test/support/trace-fixture';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { diagnoseSettledTraces, type DiagnosisSettings } from './diagnose-settled-traces';

const TIMEOUT = '1111111111111111aaaaaaaaaaaaaaaa';
const HEALTHY = '2222222222222222bbbbbbbbbbbbbbbb';
const shift = (BigInt(Date.now()) - 600_000n) * 1_000_000n - 1_700_000_000_000_000_000n;
const at = <T extends { startTimeUnixNano: bigint; endTimeUnixNano: bigint }>(s: T): T => ({
  ...s,
  startTimeUnixNano: s.startTimeUnixNano + shift,
  endTimeUnixNano: s.endTimeUnixNano === 0n ? 0n : s.endTimeUnixNano + shift,
});

// gateway SERVER [0 ──── 62] ERROR
// └── gateway CLIENT [1 ─ 60] ERROR error.type=timeout
//     └── payment SERVER [2 ────────── 150]   the work the gateway could not wait for
const timeoutTrace = [
  span('a000000000000001', { traceId: TIMEOUT, service: 'gateway', host: 'gw', kind: 'SERVER', start: 0, end: 62, error: true }),
  span('a000000000000002', {
    traceId: TIMEOUT,
    service: 'gateway',
    host: 'gw',
    kind: 'CLIENT',
    parent: 'a000000000000001',
    start: 1,
    end: 60,
    error: true,
    attributes: { 'error.type': { stringValue: 'timeout' } },
  }),
  span('a000000000000003', { traceId: TIMEOUT, service: 'payment', host: 'pay', kind: 'SERVER', parent: 'a000000000000002', start: 2, end: 150 }),
].map(at);
// web SERVER [0 ── 10] └── web CLIENT [1 ─ 5]
const healthyTrace = [
  span('b000000000000001', { traceId: HEALTHY, service: 'web', host: 'web', kind: 'SERVER', start: 0, end: 10 }),
  span('b000000000000002', { traceId: HEALTHY, service: 'web', host: 'web', kind: 'CLIENT', parent: 'b000000000000001', start: 1, end: 5 }),
].map(at);

let testDb: TestDatabase;
let db: Database;
const settings: DiagnosisSettings = { settleSeconds: 60, batch: 20, largeSpans: 20_000, skewWarnNs: 50e6 };

beforeAll(async () => {
  testDb = await createTestDatabase('th_anal_diag');
  db = await openDatabase({ DATABASE_URL: testDb.url, TRACEHOUND_DATA_DIR: '.data', DB_POOL_SIZE: 2 });
  await writeSpans(db.pool, [...timeoutTrace, ...healthyTrace]);
});

afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

/** Makes summaries (all, or one trace's) look quiet for an hour, as if no span had arrived since. */
async function settle(traceId?: string): Promise<void> {
  await db.pool.query(`UPDATE trace_summaries SET updated_at = now() - interval '1 hour' WHERE $1::text IS NULL OR trace_id = decode($1, 'hex')`, [traceId ?? null]);
}

async function stored(traceId: string) {
  const [row] = await queryRows<{ likely_cause_type: string | null; likely_cause_service: string | null; finding_types: string[] | null }>(
    db.pool,
    sql`SELECT likely_cause_type, likely_cause_service, finding_types FROM trace_summaries WHERE trace_id = decode(${traceId}, 'hex')`,
  );
  return row;
}

const window = { fromNs: shift + 1_700_000_000_000_000_000n - 60_000_000_000n, toNs: shift + 1_700_000_000_000_000_000n + 60_000_000_000n };
const search = async (query: string) => (await searchTraces(db.pool, { tenant: DEFAULT_TENANT, query, limit: 20, ...window })).traces;

describe('background diagnosis', () => {
  it('leaves traces that are still receiving spans alone', async () => {
    expect(await diagnoseSettledTraces(db.pool, settings)).toEqual({ diagnosed: 0, superseded: 0 });
    expect((await stored(TIMEOUT))!.finding_types).toBeNull();
  });

  it('diagnoses settled traces, small ones first and a large one alone', async () => {
    await settle();
    // With "large" meaning over 2 spans: the healthy trace (2 spans) goes first, the 3-span trace in a round of its own.
    expect(await diagnoseSettledTraces(db.pool, { ...settings, largeSpans: 2 })).toEqual({ diagnosed: 1, superseded: 0 });
    expect((await stored(TIMEOUT))!.finding_types).toBeNull();
    expect(await diagnoseSettledTraces(db.pool, { ...settings, largeSpans: 2 })).toEqual({ diagnosed: 1, superseded: 0 });
    expect(await stored(TIMEOUT)).toEqual({
      likely_cause_type: 'timeout-cascade',
      likely_cause_service: 'payment',
      finding_types: ['root-cause-error', 'error-propagation', 'timeout-cascade', 'latency-hotspot'],
    });
    // A quick healthy trace has no likely cause: nothing to show in the search column.
    expect(await stored(HEALTHY)).toEqual({ likely_cause_type: null, likely_cause_service: null, finding_types: ['latency-hotspot'] });
    // The trace page's summary carries it, pointing at the span to open.
    const row = await findTraceSummaryRow(db.pool, DEFAULT_TENANT, TIMEOUT);
    expect(traceSummaryOf(TIMEOUT, row!).diagnosis).toMatchObject({
      likelyCause: { type: 'timeout-cascade', service: 'payment', spanId: 'a000000000000003' },
      findingTypes: ['root-cause-error', 'error-propagation', 'timeout-cascade', 'latency-hotspot'],
    });
    expect(await diagnoseSettledTraces(db.pool, settings)).toEqual({ diagnosed: 0, superseded: 0 });
  });

  it('shows the cause in search results and filters on it with TraceQL', async () => {
    const [hit] = (await search('{ }')).filter((t) => t.traceId === TIMEOUT);
    expect(hit!.likelyCause).toMatchObject({ type: 'timeout-cascade', service: 'payment' });
    expect(hit!.likelyCause!.summary).toMatch(/^payment payment-op was still running when gateway gateway-op gave up/);
    const ids = async (q: string) => (await search(q)).map((t) => t.traceId).sort();
    expect(await ids('{ trace:finding = "timeout-cascade" }')).toEqual([TIMEOUT]);
    expect(await ids('{ trace:cause = "timeout-cascade" && trace:causeService = "payment" }')).toEqual([TIMEOUT]);
    expect(await ids('{ trace:finding != "timeout-cascade" }')).toEqual([HEALTHY]);
    expect(await ids('{ trace:finding =~ "timeout-.*" && resource.service.name = "gateway" }')).toEqual([TIMEOUT]);
    await expect(search('{ trace:finding = "timeout" }')).rejects.toThrow(/expected a quoted finding type/);
  });

  it('diagnoses a trace again once new spans have arrived and it has settled again', async () => {
    // A late span: payment's database call failed. The summary's version moves on.
    await writeSpans(db.pool, [at(span('a000000000000004', { traceId: TIMEOUT, service: 'payment', host: 'pay', kind: 'CLIENT', parent: 'a000000000000003', start: 3, end: 149, error: true }))]);
    expect(await diagnoseSettledTraces(db.pool, settings)).toEqual({ diagnosed: 0, superseded: 0 });
    await settle(TIMEOUT);
    expect(await diagnoseSettledTraces(db.pool, settings)).toEqual({ diagnosed: 1, superseded: 0 });
    expect((await stored(TIMEOUT))!.likely_cause_service).toBe('payment');
    expect((await stored(TIMEOUT))!.finding_types).toContain('timeout-cascade');
  });

  it("names a fault the Tracehound agent injected, with the agent span's attributes read from storage", async () => {
    // gateway SERVER [0 ─ 20] ERROR
    // └── gateway CLIENT [2 ─ 12] ERROR
    //     └── agent hop [3 ─ 11] ERROR tracehound.fault.type=error, status 503 (payment never reached)
    const FAULTED = '3333333333333333cccccccccccccccc';
    const hop = {
      'tracehound.hop': { boolValue: true },
      'tracehound.route': { stringValue: 'payment' },
      'tracehound.fault.type': { stringValue: 'error' },
      'http.response.status_code': { intValue: '503' },
    };
    await writeSpans(
      db.pool,
      [
        span('c000000000000001', { traceId: FAULTED, service: 'gateway', host: 'gw', kind: 'SERVER', start: 0, end: 20, error: true }),
        span('c000000000000002', { traceId: FAULTED, service: 'gateway', host: 'gw', kind: 'CLIENT', parent: 'c000000000000001', start: 2, end: 12, error: true }),
        span('c000000000000003', { traceId: FAULTED, service: 'tracehound-agent', host: 'agent', kind: 'INTERNAL', parent: 'c000000000000002', start: 3, end: 11, error: true, attributes: hop }),
      ].map(at),
    );
    await settle(FAULTED);
    expect(await diagnoseSettledTraces(db.pool, settings)).toEqual({ diagnosed: 1, superseded: 0 });
    const row = await findTraceSummaryRow(db.pool, DEFAULT_TENANT, FAULTED);
    expect(traceSummaryOf(FAULTED, row!).diagnosis!.likelyCause).toMatchObject({ type: 'root-cause-error', service: 'payment', spanId: 'c000000000000002' });
    expect(traceSummaryOf(FAULTED, row!).diagnosis!.likelyCause!.summary).toMatch(/^fault injected by the agent on gateway → payment: error 503/);
  });
});
