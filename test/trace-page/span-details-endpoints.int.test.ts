// Details on demand (issue 22) over real HTTP against the built app and real Postgres, spans sent through
// POST /v1/traces: GET /api/traces/{id}/spans/{spanId}, …/spans?ids=, and the attribute find
// GET /api/traces/{id}/find?q=, whose answers must equal the domain rule (attributesMatch) applied to the
// spans that were sent, whatever the database's pre-filter lets through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attributes } from '@/lib/domain/model/any-value';
import { attributesMatch, findQueryText } from '@/lib/domain/waterfall/attribute-find';
import type { WireTrace } from '@/lib/domain/waterfall/waterfall-wire';
import { startAppServer, type AppServer } from '../support/app-server';
import { makeSpan } from '../support/make-span';
import { otlpJsonFromSpans } from '../support/otlp-json-from-spans';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const TRACE = 'de7a11'.padEnd(32, '0');
const OTHER_TRACE = 'de7a12'.padEnd(32, '0');
const id = (n: number) => n.toString(16).padStart(16, '0');
const MS = 1_000_000n;
const BASE = BigInt(Date.now() - 60_000) * MS;

const ATTRIBUTES: Attributes[] = [
  { 'http.method': { stringValue: 'GET' }, 'http.route': { stringValue: '/api/items/7' } },
  { 'db.statement': { stringValue: 'SELECT "name" FROM t WHERE a LIKE \'100%_x\'' }, 'db.rows': { intValue: '12345' } },
  { ratio: { doubleValue: 0.25 }, ok: { boolValue: true }, tags: { arrayValue: { values: [{ stringValue: 'alpha' }, { stringValue: 'beta' }] } } },
  { owner: { kvlistValue: { values: [{ key: 'team', value: { stringValue: 'Payments' } }] } }, note: { stringValue: 'Ünïcödé Straße' } },
  { path: { stringValue: 'C:\\temp\\x' }, html: { stringValue: '<img src=x onerror=alert(1)>' } },
  {},
];

function spans() {
  return ATTRIBUTES.map((attributes, i) =>
    makeSpan({
      traceId: TRACE,
      spanId: id(i + 1),
      parentSpanId: i === 0 ? null : id(1),
      name: `op ${i}`,
      serviceName: i % 2 ? 'cart' : 'frontend',
      startTimeUnixNano: BASE + BigInt(i) * MS,
      endTimeUnixNano: BASE + BigInt(i + 5) * MS,
      attributes,
      events: i === 1 ? [{ timeUnixNano: BASE + 2n * MS, name: 'retry', attributes: { attempt: { intValue: '2' } }, droppedAttributesCount: 0 }] : [],
      links: i === 2 ? [{ traceId: OTHER_TRACE, spanId: id(9), traceState: '', attributes: { why: { stringValue: 'follows' } }, droppedAttributesCount: 0, flags: 0 }] : [],
    }),
  );
}

let db: TestDatabase;
let app: AppServer;

beforeAll(async () => {
  db = await createTestDatabase('th_spandetail');
  app = await startAppServer({ DATABASE_URL: db.url });
  const sent = await fetch(`${app.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: otlpJsonFromSpans(spans()) });
  expect(sent.status).toBe(200);
});

afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

async function getJson<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const response = await app.fetch(`${app.url}${path}`, init);
  return { status: response.status, body: (await response.json()) as T };
}

describe('GET /api/traces/{id}/spans/{spanId}', () => {
  it('one span with its attributes, events, links and resource, verbatim', async () => {
    const { status, body } = await getJson<WireTrace>(`/api/traces/${TRACE}/spans/${id(2)}`);
    expect(status).toBe(200);
    expect(body.spans).toHaveLength(1);
    const [spanId, parent, name, , start, , , , attributes, events, , resourceIndex] = body.spans[0]!;
    expect([spanId, parent, name, start]).toEqual([id(2), id(1), 'op 1', (BASE + MS).toString()]);
    expect(attributes).toEqual(ATTRIBUTES[1]);
    expect(events).toEqual([expect.objectContaining({ name: 'retry', attributes: { attempt: { intValue: '2' } } })]);
    expect(body.resources[resourceIndex]!.serviceName).toBe('cart');
    const linked = await getJson<WireTrace>(`/api/traces/${TRACE}/spans/${id(3).toUpperCase()}`);
    expect(linked.body.spans[0]![10]).toEqual([expect.objectContaining({ traceId: OTHER_TRACE, spanId: id(9), attributes: { why: { stringValue: 'follows' } } })]);
  });

  it('404 for an unknown span or trace, 400 for a malformed span id, naming it', async () => {
    expect((await app.fetch(`${app.url}/api/traces/${TRACE}/spans/${id(99)}`)).status).toBe(404);
    expect((await app.fetch(`${app.url}/api/traces/${OTHER_TRACE}/spans/${id(1)}`)).status).toBe(404);
    for (const bad of ['xyz', '0000000000000000', '123', `${id(1)}00`]) {
      const { status, body } = await getJson<{ error: { message: string } }>(`/api/traces/${TRACE}/spans/${bad}`);
      expect(status, bad).toBe(400);
      expect(body.error.message).toMatch(/spanId/);
    }
  });

  it('another tenant does not see the span', async () => {
    expect((await app.fetch(`${app.url}/api/traces/${TRACE}/spans/${id(1)}`, { headers: { 'X-Scope-OrgID': 'someone-else' } })).status).toBe(404);
  });
});

describe('GET /api/traces/{id}/spans?ids=', () => {
  it('only the asked spans; ids the trace lacks are left out', async () => {
    const { status, body } = await getJson<WireTrace>(`/api/traces/${TRACE}/spans?ids=${id(1)},${id(4)},${id(77)}`);
    expect(status).toBe(200);
    expect(body.spans.map((s) => s[0]).sort()).toEqual([id(1), id(4)]);
    expect(body.spans.find((s) => s[0] === id(4))![8]).toEqual(ATTRIBUTES[3]);
  });

  it('400 for a malformed id, too many ids, or ids with the skeleton view', async () => {
    const bad = await getJson<{ error: { message: string } }>(`/api/traces/${TRACE}/spans?ids=${id(1)},nothex`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('"nothex"');
    expect((await app.fetch(`${app.url}/api/traces/${TRACE}/spans?ids=`)).status).toBe(400);
    const many = Array.from({ length: 101 }, (_, i) => id(i + 1)).join(',');
    expect((await app.fetch(`${app.url}/api/traces/${TRACE}/spans?ids=${many}`)).status).toBe(400);
    expect((await app.fetch(`${app.url}/api/traces/${TRACE}/spans?ids=${id(1)}&view=skeleton`)).status).toBe(400);
  });
});

describe('GET /api/traces/{id}/find?q=', () => {
  async function find(q: string): Promise<string[]> {
    const { status, body } = await getJson<{ traceId: string; spanIds: string[] }>(`/api/traces/${TRACE}/find?${new URLSearchParams({ q })}`);
    expect(status, q).toBe(200);
    expect(body.traceId).toBe(TRACE);
    return body.spanIds.sort();
  }

  it('finds attribute values and key=value text, case-insensitively', async () => {
    expect(await find('GET')).toEqual([id(1)]);
    expect(await find('http.route=/api/items/7')).toEqual([id(1)]);
    expect(await find('db.rows=123')).toEqual([id(2)]);
    expect(await find('ok=true')).toEqual([id(3)]);
    expect(await find('payments')).toEqual([id(4)]);
    expect(await find('straße')).toEqual([id(4)]);
    expect(await find('onerror=alert')).toEqual([id(5)]);
    expect(await find('nothing like this')).toEqual([]);
  });

  it('LIKE wildcards, quotes and backslashes in the query are literal text', async () => {
    expect(await find('100%_x')).toEqual([id(2)]);
    expect(await find('%')).toEqual([id(2)]);
    expect(await find('/a_i/')).toEqual([]);
    expect(await find('"name"')).toEqual([id(2)]);
    expect(await find('c:\\temp')).toEqual([id(5)]);
  });

  it('answers exactly what attributesMatch says for the sent spans (the pre-filter hides nothing, adds nothing)', async () => {
    const queries = ['a', 'e', 'alpha', '["alpha","beta"]', '"beta"', 'tags=', '{"team":"payments"}', 'team', 'stringvalue', 'ratio=0.25', '0.25', ': ', ',', 'ünï', 'x', '=', 'http'];
    for (const q of queries) {
      const expected = spans()
        .filter((s) => attributesMatch(s.attributes, findQueryText(q)))
        .map((s) => s.spanId)
        .sort();
      expect(await find(q), q).toEqual(expected);
    }
  });

  it('400 without q, with a q too long or holding NUL, 404 for an unknown trace, another tenant sees nothing', async () => {
    const missing = await getJson<{ error: { message: string } }>(`/api/traces/${TRACE}/find`);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/q/);
    expect((await app.fetch(`${app.url}/api/traces/${TRACE}/find?q=%20%20`)).status).toBe(400);
    expect((await app.fetch(`${app.url}/api/traces/${TRACE}/find?q=${'x'.repeat(501)}`)).status).toBe(400);
    // PostgreSQL text cannot hold NUL: the shared parameter check answers 400 naming q.
    const nul = await getJson<{ error: { message: string } }>(`/api/traces/${TRACE}/find?q=a%00b`);
    expect(nul.status).toBe(400);
    expect(nul.body.error.message).toMatch(/^q\b/);
    expect((await app.fetch(`${app.url}/api/traces/nothex/find?q=a`)).status).toBe(400);
    expect((await app.fetch(`${app.url}/api/traces/${OTHER_TRACE}/find?q=a`)).status).toBe(404);
    expect((await app.fetch(`${app.url}/api/traces/${TRACE}/find?q=a`, { headers: { 'X-Scope-OrgID': 'someone-else' } })).status).toBe(404);
  });
});
