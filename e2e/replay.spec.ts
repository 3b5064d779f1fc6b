// Replay in real Chromium against the built app: a trace with a captured exchange, a real upstream on
// loopback (the "staging" shop, where payment now declines) as an allowed target; from the span's details
// the Replay action opens the editor with the captured request, and the run page shows the response diff
// and links the original and the replayed trace for comparison.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { makeSpan } from '../test/support/make-span';
import { otlpJsonFromSpans } from '../test/support/otlp-json-from-spans';
import { ReplayEditorObject, ReplayRunObject } from './pages/replay-pages';

let upstream: Server;
let port: number;
const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
const traceId = randomBytes(16).toString('hex');
const spanId = randomBytes(8).toString('hex');
const target = `staging-${randomBytes(3).toString('hex')}`;

test.beforeAll(async () => {
  upstream = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json', date: new Date().toUTCString() });
    res.end(JSON.stringify({ order: { id: 7, state: 'declined' }, at: new Date().toISOString() }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  port = (upstream.address() as AddressInfo).port;
});

test.afterAll(async () => {
  upstream?.closeAllConnections();
  await new Promise<void>((resolve) => (upstream ? upstream.close(() => resolve()) : resolve()));
});

test('a captured request is replayed from the trace page; the run shows the diff and links both traces', async ({ page, request }) => {
  const span = makeSpan({
    traceId,
    spanId,
    name: 'POST /checkout',
    kind: 2,
    serviceName: 'shop',
    attributes: { 'http.request.method': { stringValue: 'GET' }, 'url.path': { stringValue: '/api/orders/7' } },
  });
  expect((await request.post('/v1/traces', { data: otlpJsonFromSpans([span]), headers: { 'content-type': 'application/json' } })).ok()).toBe(true);
  const body = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64');
  const capture = {
    id: randomUUID(),
    agent: 'edge',
    route: 'shop',
    shadowOf: null,
    traceId,
    spanId,
    parentSpanId: null,
    faultId: null,
    startedAt: new Date().toISOString(),
    durationMs: 9,
    request: {
      method: 'GET',
      url: '/api/orders/7',
      headers: { accept: 'application/json', traceparent: `00-${traceId}-${spanId}-01` },
      body: null,
      bodySize: 0,
      bodyTruncated: false,
      bodyWithheld: null,
    },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json', date: 'Sat, 28 Nov 2026 10:00:00 GMT' },
      body: body({ order: { id: 7, state: 'paid' }, at: '2026-11-28T10:00:00Z' }),
      bodySize: 40,
      bodyTruncated: false,
      bodyWithheld: null,
    },
    error: null,
  };
  expect((await request.post('/api/agent-captures', { data: { captures: [capture] } })).status()).toBe(202);
  expect((await request.post('/api/replay-targets', { data: { name: target, baseUrl: `http://127.0.0.1:${port}`, environment: 'staging', allowedAddresses: ['127.0.0.1'] } })).status()).toBe(201);

  await page.goto(`/traces/${traceId}?span=${spanId}&details=1`);
  await page.getByTestId('replay-span').click();
  const editor = new ReplayEditorObject(page);
  await expect(editor.path).toHaveValue('/api/orders/7');
  await expect(editor.headers).toHaveValue(/accept: application\/json/);
  await page.getByLabel('Target', { exact: true }).selectOption(target);
  await editor.replay();

  await page.waitForURL(/\/replays\/[0-9a-f-]{36}$/);
  const run = new ReplayRunObject(page);
  await expect(run.requests).toHaveCount(1);
  await expect(run.requests.first()).toHaveAttribute('data-outcome', 'differs');
  await expect(run.totals).toContainText('1 response differs');
  // The date header and the timestamp differ too, but they are noise: only the payment state is reported.
  await expect(run.bodyChanges.locator('tbody tr')).toHaveCount(1);
  await expect(run.bodyChanges).toContainText('order.state');
  await expect(run.bodyChanges).toContainText('"declined"');

  expect(seen).toHaveLength(1);
  const newTrace = String(seen[0]!.headers.traceparent).split('-')[1];
  expect(newTrace).not.toBe(traceId);
  await expect(run.compareLink).toHaveAttribute('href', `/compare?a=${traceId}&b=${newTrace}`);

  await page.goto('/replays');
  await expect(page.getByTestId('replay-runs')).toContainText(target);
});

test('a HAR recorded by real Chromium imports (validated, scrubbed) and replays', async ({ browser, request }) => {
  const harPath = test.info().outputPath('shop.har');
  const recording = await browser.newContext({ recordHar: { path: harPath } });
  const shopper = await recording.newPage();
  await shopper.setExtraHTTPHeaders({ authorization: 'Bearer har-secret-token-31' });
  await shopper.goto(`http://127.0.0.1:${port}/api/orders/7`);
  await recording.close(); // writes the HAR

  const imported = await request.post('/api/replays/import', { data: readFileSync(harPath, 'utf8'), headers: { 'content-type': 'application/json' } });
  expect(imported.status()).toBe(201);
  const body = (await imported.json()) as { id: string; requests: { request: { method: string; url: string; headers: Record<string, string> } }[] };
  const order = body.requests.find((r) => r.request.url === '/api/orders/7');
  expect(order?.request.method).toBe('GET');
  expect(order?.request.headers.authorization).toMatch(/^REDACTED-[0-9a-f]{16}$/);
  expect(JSON.stringify(body)).not.toContain('har-secret-token-31');

  const before = seen.length;
  const run = await request.post('/api/replays', { data: { target, source: { kind: 'import', importId: body.id } } });
  expect(run.status()).toBe(201);
  const { totals } = (await run.json()) as { totals: { requests: number; sent: number } };
  expect(totals).toMatchObject({ requests: body.requests.length, sent: body.requests.length });
  expect(seen.slice(before).map((s) => s.url)).toContain('/api/orders/7');
  expect(seen.slice(before).every((s) => /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/.test(String(s.headers.traceparent)))).toBe(true);
});
