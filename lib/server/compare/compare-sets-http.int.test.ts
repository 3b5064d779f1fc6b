// GET /api/compare/sets over real HTTP against the built app and real PostgreSQL, on generated data with a
// planted attribute: most failing traces of the selection window carry feature.flag=new-checkout, which no
// baseline trace has; it must be ranked first, above attributes spread evenly over both sets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { createTestDatabase, type TestDatabase } from '@/test/support/test-database';
import { makeSpan } from '@/test/support/make-span';
import { seededRandom } from '@/test/support/seeded-random';
import { SpanKind, StatusCode, type SpanRecord } from '@/lib/domain/model/span';
import { openDatabase } from '../db/database';
import { writeSpans } from '../spans/write-spans';

const MINUTE = 60_000_000_000n;
const now = BigInt(Date.now()) * 1_000_000n;
const selection = { from: now - 10n * MINUTE, to: now };
const baseline = { from: now - 70n * MINUTE, to: now - 10n * MINUTE };
const ROUTES = ['/a', '/b', '/c', '/d'];
const REGIONS = ['eu', 'us', 'ap'];

interface Planted {
  spans: SpanRecord[];
  failingSelection: number;
  flagged: number;
}

// Each trace: gateway GET /order ─┬─ payment POST /pay
//                                ├─ payment POST /pay retry     (failing traces)
//                                └─ gateway render checkout v2  (flagged traces)
// Selection window: 120 traces, 40 failing, 34 of those flagged. Baseline window: 200 traces, 20 failing, none flagged.
function generate(): Planted {
  const rnd = seededRandom(7);
  const spans: SpanRecord[] = [];
  let n = 0;
  let failingSelection = 0;
  let flagged = 0;
  const addTrace = (start: bigint, failing: boolean, flag: boolean) => {
    n++;
    const traceId = n.toString(16).padStart(32, '0');
    const id = (k: number) => (n * 4 + k).toString(16).padStart(16, '0');
    const resource = { 'cloud.region': { stringValue: REGIONS[Math.floor(rnd() * REGIONS.length)]! } };
    const payMs = failing ? 300 + rnd() * 100 : 20 + rnd() * 30;
    const common = { traceId, kind: SpanKind.SERVER, resourceAttributes: resource };
    spans.push(
      makeSpan({
        ...common,
        spanId: id(0),
        serviceName: 'gateway',
        name: 'GET /order',
        startTimeUnixNano: start,
        endTimeUnixNano: start + BigInt(Math.round((payMs + 20) * 1e6)),
        attributes: { 'http.route': { stringValue: ROUTES[Math.floor(rnd() * ROUTES.length)]! }, ...(flag ? { 'feature.flag': { stringValue: 'new-checkout' } } : {}) },
        statusCode: failing ? StatusCode.ERROR : StatusCode.UNSET,
      }),
      makeSpan({
        ...common,
        spanId: id(1),
        parentSpanId: id(0),
        serviceName: 'payment',
        name: 'POST /pay',
        startTimeUnixNano: start + 5_000_000n,
        endTimeUnixNano: start + BigInt(Math.round((payMs + 5) * 1e6)),
        statusCode: failing ? StatusCode.ERROR : StatusCode.UNSET,
      }),
    );
    if (flag)
      spans.push(
        makeSpan({ ...common, spanId: id(3), parentSpanId: id(0), serviceName: 'gateway', name: 'render checkout v2', startTimeUnixNano: start + 1_000_000n, endTimeUnixNano: start + 2_000_000n }),
      );
    if (failing)
      spans.push(
        makeSpan({ ...common, spanId: id(2), parentSpanId: id(0), serviceName: 'payment', name: 'POST /pay retry', startTimeUnixNano: start + 6_000_000n, endTimeUnixNano: start + 8_000_000n }),
      );
  };
  const span = (w: { from: bigint; to: bigint }, k: number, count: number) => w.from + ((w.to - w.from - MINUTE) * BigInt(k)) / BigInt(count);
  for (let k = 0; k < 120; k++) {
    const failing = k % 3 === 0;
    const flag = failing && k % 20 !== 0; // 40 failing, 6 without the flag
    failingSelection += failing ? 1 : 0;
    flagged += flag ? 1 : 0;
    addTrace(span(selection, k, 120), failing, flag);
  }
  for (let k = 0; k < 200; k++) addTrace(span(baseline, k, 200), k % 10 === 0, false);
  return { spans, failingSelection, flagged };
}

describe('GET /api/compare/sets (next start, real HTTP)', () => {
  let testDb: TestDatabase;
  let app: AppServer;
  const planted = generate();
  const url = (params: Record<string, string>) => `${app.url}/api/compare/sets?${new URLSearchParams(params)}`;
  const windows = { from: selection.from.toString(), to: selection.to.toString(), baselineFrom: baseline.from.toString(), baselineTo: baseline.to.toString() };

  beforeAll(async () => {
    testDb = await createTestDatabase('th_cmp');
    const db = await openDatabase({ DATABASE_URL: testDb.url, TRACEHOUND_DATA_DIR: '.data', DB_POOL_SIZE: 2 });
    await writeSpans(db.pool, planted.spans);
    await db.close();
    app = await startAppServer({ DATABASE_URL: testDb.url });
  });
  afterAll(async () => {
    await app?.stop();
    await testDb?.drop();
  });

  it('ranks the planted attribute first, with its counts', async () => {
    const res = await app.fetch(url({ selection: '{ status = error }', baseline: '{ }', ...windows }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.selection).toMatchObject({ query: '{ status = error }', traces: planted.failingSelection, spans: planted.failingSelection * 3 + planted.flagged });
    expect(body.baseline).toMatchObject({ query: '{ }', traces: 200, spans: 200 * 2 + 20 });
    expect(body.attributeSample).toEqual({ selectionTraces: planted.failingSelection, baselineTraces: 200 }); // small sets: every trace
    expect(body.attributes[0]).toEqual({
      scope: 'span',
      key: 'feature.flag',
      value: 'new-checkout',
      selectionTraces: planted.flagged,
      baselineTraces: 0,
      selectionShare: planted.flagged / planted.failingSelection,
      baselineShare: 0,
      score: planted.flagged / planted.failingSelection,
    });
    // evenly spread values separate little
    for (const a of body.attributes.filter((x: { key: string }) => x.key === 'http.route' || x.key === 'cloud.region')) expect(a.score).toBeLessThan(0.3);
  });

  it('gives per-operation counts, error rates and percentiles, and operations found in one set only', async () => {
    const body = await (await app.fetch(url({ selection: '{ status = error }', baseline: '{ }', ...windows }))).json();
    const op = (name: string) => body.operations.find((o: { name: string }) => o.name === name);
    expect(op('POST /pay').selection).toMatchObject({ count: 40, errors: 40, errorRate: 1 });
    expect(op('POST /pay').baseline).toMatchObject({ count: 200, errors: 20, errorRate: 0.1 });
    expect(op('POST /pay').selection.p50Ns).toBeGreaterThanOrEqual(300e6);
    expect(op('POST /pay').baseline.p50Ns).toBeLessThanOrEqual(50e6);
    expect(op('POST /pay').selection.p95Ns).toBeGreaterThanOrEqual(op('POST /pay').selection.p50Ns);
    expect(op('POST /pay retry')).toMatchObject({ selection: { count: 40 }, baseline: { count: 20 } });
    expect(op('render checkout v2')).toMatchObject({ selection: { count: planted.flagged }, baseline: null });
  });

  it('answers 400 naming the parameter for bad input', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ baseline: '{ }', ...windows }, /selection is required/],
      [{ selection: '{ status = }', ...windows }, /^selection: expected/],
      [{ selection: '{ }', baseline: '{ name = ', ...windows }, /^baseline: expected/],
      [{ selection: '{ }', ...windows, from: 'yesterday' }, /from must be RFC 3339/],
      [{ selection: '{ }', ...windows, baselineFrom: windows.baselineTo }, /baselineFrom must be before baselineTo/],
    ];
    for (const [params, message] of cases) {
      const res = await app.fetch(url(params));
      expect(res.status, JSON.stringify(params)).toBe(400);
      expect((await res.json()).error.message).toMatch(message);
    }
  });
});
