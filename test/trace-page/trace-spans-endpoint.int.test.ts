// GET /api/traces/{id}/spans over real HTTP against the built app and real Postgres, with spans sent through
// POST /v1/traces: both views decode to the stored spans, unknown ids are 404, malformed ids 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireSkeleton, WireTrace } from '@/lib/domain/waterfall/waterfall-wire';
import { E2E_TRACE_ID, XSS_IMG, e2eTraceSpans } from '@/e2e/support/e2e-traces';
import { startAppServer, type AppServer } from '../support/app-server';
import { otlpJsonFromSpans } from '../support/otlp-json-from-spans';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
let app: AppServer;

beforeAll(async () => {
  db = await createTestDatabase('th_tracepage');
  app = await startAppServer({ DATABASE_URL: db.url });
  const sent = await fetch(`${app.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: otlpJsonFromSpans(e2eTraceSpans()) });
  expect(sent.status).toBe(200);
});

afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

describe('GET /api/traces/{id}/spans', () => {
  it('skeleton view: relative times, events, resources once, resource index last', async () => {
    const response = await fetch(`${app.url}/api/traces/${E2E_TRACE_ID}/spans?view=skeleton`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as WireSkeleton;
    const expected = e2eTraceSpans();
    const base = expected.reduce((m, s) => (s.startTimeUnixNano < m ? s.startTimeUnixNano : m), expected[0]!.startTimeUnixNano);
    expect(body.baseUnixNano).toBe(base.toString());
    expect(body.spans).toHaveLength(expected.length);
    expect(body.resources.map((r) => r.serviceName).sort()).toEqual(['cart', 'db', 'email', 'frontend', 'payment']);
    for (const span of expected) {
      const got = body.spans.find((s) => s[0] === span.spanId)!;
      expect(got[1]).toBe(span.parentSpanId);
      expect(got[2]).toBe(span.name);
      expect(BigInt(got[4])).toBe(span.startTimeUnixNano - base);
      expect(BigInt(got[5])).toBe(span.endTimeUnixNano - base);
      expect(got[8]).toEqual(span.events.length ? span.events.map((e) => Number(e.timeUnixNano - base)) : null);
      expect(body.resources[got[9]]!.serviceName).toBe(span.serviceName);
      expect(body.resources[got[9]]!.host.name).toBe(span.host.name);
    }
  });

  it('full view carries attributes verbatim (untrusted text is data, not markup)', async () => {
    const body = (await (await fetch(`${app.url}/api/traces/${E2E_TRACE_ID}/spans`)).json()) as WireTrace;
    const db = body.spans.find((s) => s[0] === '0000000000000003')!;
    expect(db[8]).toMatchObject({ 'db.statement': { stringValue: XSS_IMG } });
    expect(db[4]).toBe(e2eTraceSpans()[2]!.startTimeUnixNano.toString());
  });

  it('404 for an unknown trace, 400 for a malformed id or view', async () => {
    expect((await fetch(`${app.url}/api/traces/${'f'.repeat(32)}/spans`)).status).toBe(404);
    expect((await fetch(`${app.url}/api/traces/nothex/spans`)).status).toBe(400);
    expect((await fetch(`${app.url}/api/traces/${E2E_TRACE_ID}/spans?view=everything`)).status).toBe(400);
  });

  it('another tenant does not see the trace', async () => {
    const response = await fetch(`${app.url}/api/traces/${E2E_TRACE_ID}/spans`, { headers: { 'X-Scope-OrgID': 'someone-else' } });
    expect(response.status).toBe(404);
  });
});
