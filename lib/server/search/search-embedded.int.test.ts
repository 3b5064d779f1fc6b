// Search and the service map on the embedded PGlite database (the default when DATABASE_URL is unset):
// recursive CTEs, jsonb containment, percentiles and read-only transactions with a statement timeout.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_TENANT } from '@/lib/domain/model/span';
import { openDatabase } from '@/lib/server/db/database';
import { withStatementTimeout } from '@/lib/server/db/with-statement-timeout';
import { buildServiceMap } from '@/lib/server/services/build-service-map';
import { writeSpans } from '@/lib/server/spans/write-spans';
import { SPAN, TRACE, searchFixture } from '@/test/fixtures/search-traces';
import { searchTraces } from './search-traces';

describe('search on embedded PGlite', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tracehound-search-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers TraceQL and builds the service map', async () => {
    const db = await openDatabase({ DATABASE_URL: undefined, TRACEHOUND_DATA_DIR: dataDir, DB_POOL_SIZE: 2 });
    try {
      const base = (BigInt(Date.now()) - 600_000n) * 1_000_000n;
      await writeSpans(db.pool, searchFixture(base));
      const window = { tenant: DEFAULT_TENANT, fromNs: base - 60_000_000_000n, toNs: base + 60_000_000_000n };
      const search = (query: string) => withStatementTimeout(db.pool, 10_000, (c) => searchTraces(c, { ...window, query, limit: 20 }));
      expect((await search('{ resource.service.name = "gateway" } >> { status = error }')).traces.map((t) => [t.traceId, t.matchedSpanIds])).toEqual([[TRACE.A, [SPAN.a3]]]);
      expect((await search('{ span.http.status_code = 503 }')).traces.map((t) => t.traceId)).toEqual([TRACE.C]);
      expect((await search('{ .http.route =~ "/he.*" }')).traces.map((t) => t.traceId)).toEqual([TRACE.B]);
      const map = await withStatementTimeout(db.pool, 10_000, (c) => buildServiceMap(c, window));
      expect(map.edges.map((e) => `${e.parent}→${e.child}`)).toEqual(['auth→gateway', 'gateway→payment']);
    } finally {
      await db.close();
    }
  });
});
