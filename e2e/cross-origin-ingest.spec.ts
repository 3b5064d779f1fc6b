// Issue #19, cross-site writes: a page on another loopback origin cannot write telemetry. It posts text/plain
// (a "simple" request, sent without a CORS preflight) to every ingest route in real Chromium and is refused,
// nothing is stored; a JSON post fails its preflight. A page on an origin listed in CORS_ALLOWED_ORIGINS (the
// OTel browser SDK's case) can post JSON and read the answer.
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { expect, test, type Page, type Response } from '@playwright/test';
import { CROSS_ORIGIN_PAGE_PORTS } from '../playwright.config';

const servers: Server[] = [];

function servePage(port: number): Promise<void> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>another site</title><p>another site</p>');
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
}

test.beforeAll(async () => {
  await servePage(CROSS_ORIGIN_PAGE_PORTS.refused);
  await servePage(CROSS_ORIGIN_PAGE_PORTS.allowed);
});
test.afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

const hex = (n: number) => randomBytes(n).toString('hex');
const nowNs = () => `${Date.now()}000000`;

function bodies(traceId: string, app: string) {
  const span = { traceId, spanId: hex(8), name: 'forged', kind: 2, startTimeUnixNano: nowNs(), endTimeUnixNano: nowNs() };
  return [
    { path: '/v1/traces', body: JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ spans: [span] }] }] }) },
    {
      path: '/v1/logs',
      body: JSON.stringify({
        resourceLogs: [
          { resource: { attributes: [{ key: 'service.name', value: { stringValue: app } }] }, scopeLogs: [{ logRecords: [{ timeUnixNano: nowNs(), body: { stringValue: 'forged' }, traceId }] }] },
        ],
      }),
    },
    { path: '/api/v2/spans', body: JSON.stringify([{ traceId: hex(16), id: hex(8), name: 'forged', timestamp: Date.now() * 1000, localEndpoint: { serviceName: app } }]) },
    { path: '/loki/api/v1/push', body: JSON.stringify({ streams: [{ stream: { app }, values: [[nowNs(), `forged trace_id=${traceId}`]] }] }) },
    {
      path: '/v1/metrics',
      body: JSON.stringify({
        resourceMetrics: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: app } }] },
            scopeMetrics: [{ metrics: [{ name: 'forged', gauge: { dataPoints: [{ timeUnixNano: nowNs(), asDouble: 1 }] } }] }],
          },
        ],
      }),
    },
    {
      path: '/api/v1/spans',
      body: JSON.stringify([
        { traceId: hex(16), id: hex(8), name: 'forged', timestamp: Date.now() * 1000, annotations: [{ timestamp: Date.now() * 1000, value: 'sr', endpoint: { serviceName: app } }] },
      ]),
    },
  ];
}

/**
 * Posts from inside the page, as a malicious site would. Returns the status the server answered (null when the
 * browser never sent the POST, e.g. after a refused preflight) and whether the page could read the answer.
 */
async function postFromPage(page: Page, url: string, body: string, contentType: string, mode: 'no-cors' | 'cors'): Promise<{ status: number | null; readable: boolean }> {
  const statuses: number[] = [];
  const onResponse = (r: Response) => {
    if (r.url() === url && r.request().method() === 'POST') statuses.push(r.status());
  };
  page.on('response', onResponse);
  try {
    const readable = await page.evaluate(
      async ({ url, body, contentType, mode }) => {
        try {
          const res = await fetch(url, { method: 'POST', mode, headers: { 'content-type': contentType }, body });
          await res.arrayBuffer();
          return res.type !== 'opaque';
        } catch {
          return false;
        }
      },
      { url, body, contentType, mode },
    );
    // The page saw the POST's response (or its failure) before fetch settled; its event is delivered by now
    // or within the next round trip to the browser.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
    return { status: statuses[0] ?? null, readable };
  } finally {
    page.off('response', onResponse);
  }
}

test('a page on another origin posting text/plain to each ingest route is refused and stores nothing', async ({ page, baseURL, request }) => {
  await page.goto(`http://127.0.0.1:${CROSS_ORIGIN_PAGE_PORTS.refused}/`);
  const traceId = hex(16);
  const app = `forged-${hex(4)}`;
  for (const { path, body } of bodies(traceId, app)) {
    const simple = await postFromPage(page, `${baseURL}${path}`, body, 'text/plain', 'no-cors');
    expect(simple, `${path} text/plain`).toEqual({ status: 403, readable: false });
    // JSON needs a preflight, which an unlisted origin does not pass: the POST is never sent.
    const json = await postFromPage(page, `${baseURL}${path}`, body, 'application/json', 'cors');
    expect(json, `${path} application/json`).toEqual({ status: null, readable: false });
  }
  expect((await request.get(`/api/traces/${traceId}`)).status()).toBe(404);
  const logs = await (await request.get(`/loki/api/v1/query_range?query=${encodeURIComponent(`{app="${app}"}`)}`)).json();
  expect(logs.data.result).toEqual([]);
  const byService = await (await request.get(`/loki/api/v1/query_range?query=${encodeURIComponent(`{service_name="${app}"}`)}`)).json();
  expect(byService.data.result).toEqual([]);
  const metrics = await (await request.get(`/api/metrics?service=${app}`)).json();
  expect(metrics.metrics).toEqual([]);
});

test('a page on an origin listed in CORS_ALLOWED_ORIGINS may send OTLP JSON and read the answer', async ({ page, baseURL, request }) => {
  await page.goto(`http://127.0.0.1:${CROSS_ORIGIN_PAGE_PORTS.allowed}/`);
  const traceId = hex(16);
  const [traces] = bodies(traceId, 'browser-sdk');
  const sent = await postFromPage(page, `${baseURL}${traces!.path}`, traces!.body, 'application/json', 'cors');
  expect(sent).toEqual({ status: 200, readable: true });
  expect((await request.get(`/api/traces/${traceId}`)).status()).toBe(200);
  // Even a listed origin cannot use text/plain: only the documented content types are accepted.
  const simple = await postFromPage(page, `${baseURL}/loki/api/v1/push`, bodies(traceId, 'x')[3]!.body, 'text/plain', 'no-cors');
  expect(simple.status).toBe(415);
});
