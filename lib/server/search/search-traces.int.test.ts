// Each TraceQL operator against stored traces in real Postgres (fixture drawn in test/fixtures/search-traces.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TENANT } from '@/lib/domain/model/span';
import { openDatabase, type Database } from '@/lib/server/db/database';
import { queryRows } from '@/lib/server/db/queryable';
import { sql } from '@/lib/server/db/sql-template';
import { AppError } from '@/lib/server/http/app-error';
import { writeSpans } from '@/lib/server/spans/write-spans';
import { SPAN, TRACE, searchFixture } from '@/test/fixtures/search-traces';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import type { SearchSort } from '@/lib/domain/search/search-sort';
import { decodeCursor } from './search-cursor';
import { searchTraces } from './search-traces';

let testDb: TestDatabase;
let db: Database;
const base = (BigInt(Date.now()) - 600_000n) * 1_000_000n;
const window = { fromNs: base - 60_000_000_000n, toNs: base + 60_000_000_000n };

beforeAll(async () => {
  testDb = await createTestDatabase('th_search');
  db = await openDatabase({ DATABASE_URL: testDb.url, TRACEHOUND_DATA_DIR: '.data', DB_POOL_SIZE: 2 });
  await writeSpans(db.pool, searchFixture(base));
});

afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

async function search(query: string, extra: Partial<Parameters<typeof searchTraces>[1]> = {}) {
  return searchTraces(db.pool, { tenant: DEFAULT_TENANT, query, limit: 20, ...window, ...extra });
}

async function traceIds(query: string): Promise<string[]> {
  return (await search(query)).traces.map((t) => t.traceId);
}

describe('searchTraces on stored traces', () => {
  it.each<[string, string[]]>([
    ['{ status = error }', [TRACE.A, TRACE.C, TRACE.D]],
    ['{ status != error }', [TRACE.A, TRACE.B, TRACE.C, TRACE.D]],
    ['{ status = unset && resource.service.name = "auth" }', []],
    ['{ duration > 1s }', [TRACE.C]],
    ['{ duration <= 10ms }', [TRACE.B, TRACE.D]],
    ['{ resource.service.name = "payment" && status = error }', [TRACE.A, TRACE.C]],
    ['{ resource.service.name != "gateway" && resource.service.name != "payment" }', [TRACE.D]],
    ['{ resource.service.name =~ "pay.*" }', [TRACE.A, TRACE.C]],
    ['{ resource.service.name =~ "pay" }', []],
    ['{ span.http.status_code >= 500 }', [TRACE.A, TRACE.C]],
    ['{ span.http.status_code = 200 }', [TRACE.B]],
    ['{ span.http.status_code < 500 }', [TRACE.B]],
    ['{ .http.route = "/health" }', [TRACE.B]],
    ['{ span.http.route =~ "/ch.*" }', [TRACE.A]],
    ['{ span.http.route !~ "/ch.*" }', [TRACE.B]],
    ['{ span.http.route != "/checkout" }', [TRACE.B]],
    ['{ resource.host.name = "pay-1" }', [TRACE.A]],
    ['{ .host.name = "pay-1" }', [TRACE.A]],
    ['{ kind = client && resource.service.name = "payment" }', [TRACE.A, TRACE.C]],
    ['{ kind = server && name = "login" }', [TRACE.D]],
    ['{ name >= "proxy" }', [TRACE.D]],
    ['{ traceDuration > 1s }', [TRACE.C]],
    ['{ traceDuration < 100ms }', [TRACE.B, TRACE.D]],
    ['{ rootServiceName = "auth" }', [TRACE.D]],
    ['{ span.cache.hit = true }', [TRACE.C]],
    ['{ span.cache.hit != true }', []],
    ['{ span.retry.ratio < 1 }', [TRACE.C]],
    ['{ (name = "login" || name = "GET /health") && kind = server }', [TRACE.B, TRACE.D]],
    ['{ status = error } && { span.http.route = "/checkout" }', [TRACE.A]],
    ['{ name = "login" } || { name = "GET /health" }', [TRACE.B, TRACE.D]],
    ['{ resource.service.name = "gateway" } >> { status = error }', [TRACE.A]],
    ['{ name = "GET /checkout" } >> { name = "db.query" }', [TRACE.A]],
    ['{ name = "GET /checkout" } > { status = error }', []],
    ['{ name = "call payment" } > { status = error }', [TRACE.A]],
    ['{ status = error } > { resource.service.name = "gateway" }', [TRACE.D]],
    ['{ status = error } >> { }', [TRACE.A, TRACE.C, TRACE.D]],
    ['{ name = "GET /checkout" } >> { name = "call payment" } >> { status = error }', [TRACE.A]],
    ['{ name = "x\'; DROP TABLE spans; --" }', []],
    ['', [TRACE.A, TRACE.B, TRACE.C, TRACE.D]],
  ])('%s', async (query, expected) => {
    expect(await traceIds(query)).toEqual(expected);
  });

  it('returns trace facts and the matched span ids', async () => {
    const result = await search('{ resource.service.name = "gateway" } >> { status = error }');
    expect(result.traces).toEqual([
      {
        traceId: TRACE.A,
        rootService: 'gateway',
        rootName: 'GET /checkout',
        startUnixNano: (base + 4_000_000_000n).toString(),
        durationNs: '200000000',
        spanCount: 4,
        errorCount: 1,
        services: ['gateway', 'payment'],
        matchedSpanIds: [SPAN.a3],
        // Not yet diagnosed (the background diagnosis waits for the trace to settle).
        likelyCause: null,
        findingTypes: null,
        root: { statusCode: 0, statusMessage: '', responseStatus: '500' },
        matchedSpans: [{ spanId: SPAN.a3, service: 'payment', name: 'charge' }],
      },
    ]);
    expect(result.nextCursor).toBeNull();
    const both = await search('{ status = error } && { span.http.route = "/checkout" }');
    expect(both.traces[0]?.matchedSpanIds.sort()).toEqual([SPAN.a1, SPAN.a3].sort());
    const descendants = await search('{ status = error } >> { }');
    expect(descendants.traces.find((t) => t.traceId === TRACE.A)?.matchedSpanIds).toEqual([SPAN.a4]);
  });

  it('paginates with a keyset cursor', async () => {
    const first = await search('{ }', { limit: 3 });
    expect(first.traces.map((t) => t.traceId)).toEqual([TRACE.A, TRACE.B, TRACE.C]);
    expect(first.nextCursor).not.toBeNull();
    const second = await search('{ }', { limit: 3, cursor: decodeCursor(first.nextCursor as string) });
    expect(second.traces.map((t) => t.traceId)).toEqual([TRACE.D]);
    expect(second.nextCursor).toBeNull();
  });

  // Trace durations A 200 ms, B 5 ms, C 2 s, D 30 ms; spans A 4, B 1, C 2, D 2; errors A 1, B 0, C 1, D 1.
  // Ties fall back to trace id in the same direction.
  it.each<[SearchSort, string[]]>([
    [{ key: 'start', descending: true }, [TRACE.A, TRACE.B, TRACE.C, TRACE.D]],
    [{ key: 'start', descending: false }, [TRACE.D, TRACE.C, TRACE.B, TRACE.A]],
    [{ key: 'duration', descending: true }, [TRACE.C, TRACE.A, TRACE.D, TRACE.B]],
    [{ key: 'duration', descending: false }, [TRACE.B, TRACE.D, TRACE.A, TRACE.C]],
    [{ key: 'spans', descending: true }, [TRACE.A, TRACE.D, TRACE.C, TRACE.B]],
    [{ key: 'spans', descending: false }, [TRACE.B, TRACE.C, TRACE.D, TRACE.A]],
    [{ key: 'errors', descending: true }, [TRACE.D, TRACE.C, TRACE.A, TRACE.B]],
    [{ key: 'errors', descending: false }, [TRACE.B, TRACE.A, TRACE.C, TRACE.D]],
  ])('sorts by %o across pages', async (sort, expected) => {
    for (const limit of [1, 3, 20]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const result = await search('{ }', { limit, sort, ...(cursor ? { cursor: decodeCursor(cursor) } : {}) });
        seen.push(...result.traces.map((t) => t.traceId));
        cursor = result.nextCursor;
        if (!cursor) break;
        expect(decodeCursor(cursor).sort).toEqual(sort);
      }
      expect(seen).toEqual(expected);
    }
  });

  it('respects the time window', async () => {
    expect(await search('{ }', { fromNs: base + 2_500_000_000n, toNs: base + 3_500_000_000n }).then((r) => r.traces.map((t) => t.traceId))).toEqual([TRACE.B]);
  });

  it('turns malformed queries and Postgres-only regex errors into positioned 400s', async () => {
    await expect(search('{ status = }')).rejects.toMatchObject({ code: 'bad_request', details: { position: 11 } });
    const pgRegex = await search('{ name =~ "(?<n>x)" }').catch((e: unknown) => e);
    expect(pgRegex).toBeInstanceOf(AppError);
    expect((pgRegex as AppError).details).toEqual({ position: 2 });
    const rows = await queryRows<{ n: bigint }>(db.pool, sql`SELECT count(*) AS n FROM spans`);
    expect(rows[0]?.n).toBe(9n);
  });

  it("names each row's root outcome and the first matched spans", async () => {
    const { traces } = await search('{ name = "charge" }');
    const a = traces.find((t) => t.traceId === TRACE.A)!;
    expect(a.root).toEqual({ statusCode: 0, statusMessage: '', responseStatus: '500' });
    expect(a.matchedSpans).toEqual([{ spanId: SPAN.a3, service: 'payment', name: 'charge' }]);
    const c = traces.find((t) => t.traceId === TRACE.C)!;
    expect(c.root).toEqual({ statusCode: 2, statusMessage: '', responseStatus: '503' });
    expect(c.matchedSpans.map((m) => m.spanId)).toEqual([SPAN.c1]);
  });
});
