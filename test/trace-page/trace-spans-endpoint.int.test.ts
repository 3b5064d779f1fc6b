// GET /api/traces/{id}/spans over real HTTP against the built app and real Postgres, with spans sent through
// POST /v1/traces: both views decode to the stored spans, unknown ids are 404, malformed ids 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKELETON_CONTENT_TYPE, decodeSkeleton } from '@/lib/domain/waterfall/skeleton-binary';
import { parentIdAt, spanIdAt } from '@/lib/domain/waterfall/skeleton-columns';
import type { WireTrace } from '@/lib/domain/waterfall/waterfall-wire';
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
  it('skeleton view: binary rows with relative times, events, resources once', async () => {
    const response = await app.fetch(`${app.url}/api/traces/${E2E_TRACE_ID}/spans?view=skeleton`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(SKELETON_CONTENT_TYPE);
    const body = decodeSkeleton(new Uint8Array(await response.arrayBuffer()));
    const expected = e2eTraceSpans();
    const base = expected.reduce((m, s) => (s.startTimeUnixNano < m ? s.startTimeUnixNano : m), expected[0]!.startTimeUnixNano);
    expect(body.traceId).toBe(E2E_TRACE_ID);
    expect(body.baseUnixNano).toBe(base.toString());
    expect(body.count).toBe(expected.length);
    expect(body.resources.map((r) => r.serviceName).sort()).toEqual(['cart', 'db', 'email', 'frontend', 'payment']);
    for (const span of expected) {
      const i = [...Array(body.count).keys()].find((k) => spanIdAt(body, k) === span.spanId)!;
      expect(parentIdAt(body, i)).toBe(span.parentSpanId);
      expect(body.names[body.nameIndex[i]!]).toBe(span.name);
      expect(BigInt(body.start[i]!)).toBe(span.startTimeUnixNano - base);
      expect(BigInt(body.end[i]!)).toBe(span.endTimeUnixNano - base);
      expect(body.statusCode[i]).toBe(span.statusCode);
      expect(body.statusMessage[i]).toBe(span.statusMessage);
      expect(Array.from(body.eventTimes.subarray(body.eventOffset[i]!, body.eventOffset[i + 1]!))).toEqual(span.events.map((e) => Number(e.timeUnixNano - base)));
      const resource = body.resources[body.resourceIndex[i]!]!;
      expect(resource.serviceName).toBe(span.serviceName);
      expect(resource.host.name).toBe(span.host.name);
      expect(resource.attributes).toEqual(span.resourceAttributes);
    }
  });

  it('the trace page response carries a Link preload header for the skeleton', async () => {
    const response = await app.fetch(`${app.url}/traces/${E2E_TRACE_ID}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('link')).toContain(`</api/traces/${E2E_TRACE_ID}/spans?view=skeleton>; rel=preload; as=fetch; crossorigin=anonymous`);
  });

  it('full view carries attributes verbatim (untrusted text is data, not markup)', async () => {
    const body = (await (await app.fetch(`${app.url}/api/traces/${E2E_TRACE_ID}/spans`)).json()) as WireTrace;
    const db = body.spans.find((s) => s[0] === '0000000000000003')!;
    expect(db[8]).toMatchObject({ 'db.statement': { stringValue: XSS_IMG } });
    expect(db[4]).toBe(e2eTraceSpans()[2]!.startTimeUnixNano.toString());
  });

  it('404 for an unknown trace, 400 for a malformed id or view', async () => {
    expect((await app.fetch(`${app.url}/api/traces/${'f'.repeat(32)}/spans`)).status).toBe(404);
    expect((await app.fetch(`${app.url}/api/traces/nothex/spans`)).status).toBe(400);
    expect((await app.fetch(`${app.url}/api/traces/${E2E_TRACE_ID}/spans?view=everything`)).status).toBe(400);
  });

  it('another tenant does not see the trace', async () => {
    const response = await app.fetch(`${app.url}/api/traces/${E2E_TRACE_ID}/spans`, { headers: { 'X-Scope-OrgID': 'someone-else' } });
    expect(response.status).toBe(404);
  });
});
