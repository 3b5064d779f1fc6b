// GET /api/compare over real HTTP against the built app (`next build` first) and a real PostgreSQL database:
// the pair diff of two stored traces is the same document `tracehound diff` prints for their files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { makeSpan } from '@/test/support/make-span';
import { otlpJsonFromSpans } from '@/test/support/otlp-json-from-spans';
import { SpanKind, StatusCode, type SpanRecord } from '@/lib/domain/model/span';
import { decodeSkeleton } from '@/lib/domain/waterfall/skeleton-binary';
import { diffPair } from '@/lib/domain/compare/pair-diff';
import { traceDiffOf } from '@/lib/domain/compare/diff-traces';
import { spansFromSkeleton } from '@/lib/domain/compare/spans-from-skeleton';
import { traceShape } from '@/lib/domain/compare/trace-shape';
import { openDatabase } from '../db/database';
import { writeSpans } from '../spans/write-spans';

const A = 'a0000000000000000000000000000001';
const B = 'b0000000000000000000000000000002';
const OTHER_TENANT = 'c0000000000000000000000000000003';
const t0 = (BigInt(Date.now()) - 120_000n) * 1_000_000n; // recent: startup retention keeps it
const ms = (x: number) => t0 + BigInt(Math.round(x * 1e6));

// gateway GET /order [0 ── 100]
// ├── inventory check [5 ── 20]
// └── payment POST /pay [30 ── 30+payMs]  (B: declined, 402, error; and retried once)
function trace(traceId: string, side: 'a' | 'b', tenant = 'default'): SpanRecord[] {
  const s = (spanId: string, parent: string | null, service: string, name: string, start: number, end: number, extra: Partial<SpanRecord> = {}) =>
    makeSpan({
      tenant,
      traceId,
      spanId,
      parentSpanId: parent,
      serviceName: service,
      name,
      kind: SpanKind.SERVER,
      startTimeUnixNano: ms(start),
      endTimeUnixNano: ms(end),
      host: { id: null, name: `${service}-host`, ip: null, serviceInstanceId: null },
      ...extra,
    });
  const spans = [s('0000000000000001', null, 'gateway', 'GET /order', 0, 100), s('0000000000000002', '0000000000000001', 'inventory', 'check', 5, 20)];
  if (side === 'a') spans.push(s('0000000000000003', '0000000000000001', 'payment', 'POST /pay', 30, 70, { attributes: { 'http.status_code': { intValue: '200' } } }));
  else {
    // user.id is no attribute of interest: the diff ignores it and GET …/attributes-of-interest leaves it out.
    const declined = { statusCode: StatusCode.ERROR, attributes: { 'http.status_code': { intValue: '402' }, 'user.id': { stringValue: 'u-17' } } };
    spans.push(s('0000000000000003', '0000000000000001', 'payment', 'POST /pay', 30, 40, declined), s('0000000000000004', '0000000000000001', 'payment', 'POST /pay', 45, 55, declined));
  }
  return spans;
}

describe('GET /api/compare (next start, real HTTP)', () => {
  let testDb: TestDatabase;
  let app: AppServer;
  const dir = mkdtempSync(path.join(tmpdir(), 'th-cmp-'));

  beforeAll(async () => {
    testDb = await createTestDatabase('th_cmp');
    const db = await openDatabase({ DATABASE_URL: testDb.url, TRACEHOUND_DATA_DIR: '.data', DB_POOL_SIZE: 2 });
    await writeSpans(db.pool, [...trace(A, 'a'), ...trace(B, 'b'), ...trace(OTHER_TENANT, 'b', 'team-b')]);
    await db.close();
    app = await startAppServer({ DATABASE_URL: testDb.url });
  });
  afterAll(async () => {
    await app?.stop();
    await testDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns the pair diff, the same document as tracehound diff prints for the two traces', async () => {
    const res = await app.fetch(`${app.url}/api/compare?a=${A}&b=${B}`);
    expect(res.status).toBe(200);
    const diff = await res.json();
    expect(diff.traceIds).toEqual({ a: A, b: B });
    expect(diff.firstDivergence).toMatchObject({ key: 'gateway GET /order > payment POST /pay', reason: 'count' });
    const pay = diff.nodes.find((n: { name: string }) => n.name === 'POST /pay');
    expect(pay).toMatchObject({ change: 'changed', count: { a: 1, b: 2 }, errors: { a: 0, b: 2 } });
    expect(pay.attributes).toEqual([{ key: 'http.status_code', a: ['200'], b: ['402'] }]);
    expect(diff.summary).toMatchObject({ newErrors: 2, spans: { a: 3, b: 4, added: 1, removed: 0 } });

    const fileA = path.join(dir, 'a.json');
    const fileB = path.join(dir, 'b.json');
    writeFileSync(fileA, otlpJsonFromSpans(trace(A, 'a')));
    writeFileSync(fileB, otlpJsonFromSpans(trace(B, 'b')));
    const cli = spawnSync(process.execPath, ['bin/tracehound.mjs', 'diff', fileA, fileB], { cwd: path.resolve(__dirname, '../../..'), encoding: 'utf8' });
    expect(cli.status).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual(diff);
  });

  it('applies a noise profile given as JSON', async () => {
    const noise = JSON.stringify({ countDelta: 1, ignoreAttributes: ['http.status_code'] });
    const diff = await (await app.fetch(`${app.url}/api/compare?a=${A}&b=${B}&noise=${encodeURIComponent(noise)}`)).json();
    const pay = diff.nodes.find((n: { name: string }) => n.name === 'POST /pay');
    expect(pay.noise).toContain('count');
    expect(pay.differences).not.toContain('count');
    expect(pay.differences).toContain('status'); // errors are never noise
  });

  it('answers 400 naming the bad parameter and 404 for a trace of another tenant or unknown', async () => {
    const cases: Array<[string, number, RegExp]> = [
      [`?a=${A}`, 400, /b is required/],
      [`?a=xyz&b=${B}`, 400, /a must be a trace id/],
      [`?a=${A}&b=${B}&noise=${encodeURIComponent('{"durationNs":"1ms"}')}`, 400, /noise: durationNs must be a number >= 0/],
      [`?a=${A}&b=${B}&noise=%7B`, 400, /noise: not valid JSON/],
      [`?a=${A}&b=${OTHER_TENANT}`, 404, new RegExp(`Trace ${OTHER_TENANT} \\(b\\) not found`)],
      [`?a=d0000000000000000000000000000004&b=${B}`, 404, /\(a\) not found/],
    ];
    for (const [query, status, message] of cases) {
      const res = await app.fetch(`${app.url}/api/compare${query}`);
      expect(res.status, query).toBe(status);
      expect((await res.json()).error.message).toMatch(message);
    }
    // the other tenant's pair is readable there
    const res = await app.fetch(`${app.url}/api/compare?a=${OTHER_TENANT}&b=${OTHER_TENANT}`, { headers: { 'X-Scope-OrgID': 'team-b' } });
    expect(res.status).toBe(200);
    expect((await res.json()).summary.nodes.changed).toBe(0);
  });

  it("serves a trace's attributes of interest, and the /compare worker's input (skeleton + those) gives the same document byte for byte", async () => {
    const res = await app.fetch(`${app.url}/api/traces/${B}/attributes-of-interest`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      traceId: B,
      spans: [
        ['0000000000000003', ms(30).toString(), { 'http.status_code': { intValue: '402' } }],
        ['0000000000000004', ms(45).toString(), { 'http.status_code': { intValue: '402' } }],
      ],
    });
    const side = async (traceId: string) => {
      const skeleton = await (await app.fetch(`${app.url}/api/traces/${traceId}/spans?view=skeleton`)).arrayBuffer();
      const interest = await (await app.fetch(`${app.url}/api/traces/${traceId}/attributes-of-interest`)).json();
      return traceShape(spansFromSkeleton(decodeSkeleton(new Uint8Array(skeleton)), interest));
    };
    const inWorker = traceDiffOf(diffPair(await side(A), await side(B)));
    expect(JSON.stringify(inWorker)).toBe(await (await app.fetch(`${app.url}/api/compare?a=${A}&b=${B}`)).text());
  });

  it('answers the attributes of interest with 400 for a malformed id and 404 for a trace of another tenant', async () => {
    const bad = await app.fetch(`${app.url}/api/traces/xyz/attributes-of-interest`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/traceId must be 32 hex characters/);
    expect((await app.fetch(`${app.url}/api/traces/${OTHER_TENANT}/attributes-of-interest`)).status).toBe(404);
    const there = await app.fetch(`${app.url}/api/traces/${OTHER_TENANT}/attributes-of-interest`, { headers: { 'X-Scope-OrgID': 'team-b' } });
    expect(there.status).toBe(200);
  });
});
