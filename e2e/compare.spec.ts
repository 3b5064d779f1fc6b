// /compare in real Chromium against the built app and real Postgres: two traces sent through POST /v1/traces,
// diffed in the trace Web Worker; the entry points from the trace page and the search results; the sets mode.
import { expect, test } from '@playwright/test';
import { otlpJsonFromSpans } from '../test/support/otlp-json-from-spans';
import { makeSpan } from '../test/support/make-span';
import { SpanKind, StatusCode, type SpanRecord } from '../lib/domain/model/span';
import { ComparePageObject } from './pages/compare-page';

const A = 'cc000000000000000000000000000a01';
const B = 'cc000000000000000000000000000b02';
const XSS = '<img src=x onerror="window.__cmpXss=1">';
// Fixed within a 10-minute slot (10 to 20 minutes ago), so a re-sent copy (a fresh worker after a failure)
// has the same times and the writer stores nothing twice.
const t0 = BigInt(Math.floor(Date.now() / 600_000) * 600_000 - 600_000) * 1_000_000n;

// A: cmp-gateway GET /order ─┬─ cmp-inventory check            B: cmp-gateway GET /order ─┬─ cmp-inventory check
//                            └─ cmp-payment POST /pay (200)                               ├─ cmp-payment POST /pay (402, ERROR)
//                                                                                         └─ cmp-fraud <img …> (new, name is markup)
function pair(): SpanRecord[] {
  const s = (traceId: string, spanId: string, parent: string | null, service: string, name: string, start: number, end: number, extra: Partial<SpanRecord> = {}) =>
    makeSpan({
      traceId,
      spanId,
      parentSpanId: parent,
      serviceName: service,
      name,
      kind: SpanKind.SERVER,
      startTimeUnixNano: t0 + BigInt(start * 1e6),
      endTimeUnixNano: t0 + BigInt(end * 1e6),
      resourceAttributes: { 'service.name': { stringValue: service } },
      ...extra,
    });
  return [
    s(A, '00000000000000a1', null, 'cmp-gateway', 'GET /order', 0, 100),
    s(A, '00000000000000a2', '00000000000000a1', 'cmp-inventory', 'check', 5, 20),
    s(A, '00000000000000a3', '00000000000000a1', 'cmp-payment', 'POST /pay', 30, 70, { attributes: { 'http.status_code': { intValue: '200' } } }),
    s(B, '00000000000000b1', null, 'cmp-gateway', 'GET /order', 0, 150),
    s(B, '00000000000000b2', '00000000000000b1', 'cmp-inventory', 'check', 5, 20),
    s(B, '00000000000000b3', '00000000000000b1', 'cmp-payment', 'POST /pay', 30, 120, { statusCode: StatusCode.ERROR, attributes: { 'http.status_code': { intValue: '402' } } }),
    s(B, '00000000000000b4', '00000000000000b1', 'cmp-fraud', XSS, 22, 28),
  ];
}

test.beforeAll(async ({ request }) => {
  const response = await request.post('/v1/traces', { data: otlpJsonFromSpans(pair()), headers: { 'content-type': 'application/json' } });
  if (!response.ok()) throw new Error(`POST /v1/traces answered ${response.status()}: ${await response.text()}`);
});

test('the merged tree shows added and changed nodes, the summary and the first divergence', async ({ page }) => {
  const compare = new ComparePageObject(page);
  await compare.open(A, B);
  expect(await compare.rowSummaries()).toEqual(['changed GET /order', 'unchanged check', `added ${XSS}`, 'changed POST /pay']);
  await expect(page.getByTestId('diff-added')).toHaveText('1');
  await expect(page.getByTestId('diff-removed')).toHaveText('0');
  await expect(page.getByTestId('diff-new-errors')).toHaveText('1');
  await expect(page.getByTestId('diff-duration')).toContainText('+50');
  // The markup in the span name is text, never an element.
  expect(await page.evaluate(() => (window as unknown as { __cmpXss?: number }).__cmpXss)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  // A's and B's bars: the added node has no bar on A's side
  await expect(compare.row(XSS).locator('.compare-row-bar span')).toHaveCount(1);
  await expect(compare.row('POST /pay').locator('.compare-row-bar span')).toHaveCount(2);

  await page.getByTestId('diff-first-divergence').getByRole('button').click();
  await expect(compare.nodePanel.locator('h2')).toContainText(XSS);
  await compare.row('POST /pay').click();
  await expect(compare.nodePanel.getByTestId('compare-node-attributes')).toContainText('http.status_code');
  await expect(compare.nodePanel.getByTestId('compare-node-attributes')).toContainText('402');
});

test('only changes hides unchanged branches and is kept in the URL; collapse hides a subtree', async ({ page }) => {
  const compare = new ComparePageObject(page);
  await compare.open(A, B);
  await page.getByLabel('Only changes').click();
  await expect(compare.rows).toHaveCount(3);
  await expect(page).toHaveURL(/[?&]changes=1/);
  await page.reload();
  await expect(compare.rows).toHaveCount(3);
  await compare.row('GET /order').getByRole('button', { name: 'Collapse' }).click();
  await expect(compare.rows).toHaveCount(1);
});

test('"Compare with…" on the trace page opens the pair view', async ({ page }) => {
  await page.goto(`/traces/${A}`);
  await page.getByRole('button', { name: 'Compare with…' }).click();
  await page.getByLabel('Trace to compare with').fill(B);
  await page.getByTestId('compare-with').getByRole('link', { name: 'Compare', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/compare\\?a=${A}&b=${B}`));
  await expect(page.getByTestId('diff-new-errors')).toHaveText('1');
});

test('ticking two search results opens the pair view', async ({ page }) => {
  await page.goto(`/search?${new URLSearchParams({ q: '{ resource.service.name = "cmp-gateway" }', from: 'now-1h', to: 'now' })}`);
  await page.getByLabel(`Compare ${A}`).check();
  await page.getByLabel(`Compare ${B}`).check();
  await page.getByRole('link', { name: 'Compare the 2 selected traces' }).click();
  await expect(page).toHaveURL(new RegExp(`/compare\\?a=${A}&b=${B}`));
  await expect(new ComparePageObject(page).rows).toHaveCount(4);
});

test('an unknown trace is reported, not drawn; a malformed id is named', async ({ page }) => {
  await page.goto(`/compare?a=${A}&b=dd000000000000000000000000000000`);
  await expect(page.getByRole('alert').filter({ hasText: 'not found' })).toContainText('Trace dd000000000000000000000000000000 (B) not found');
  await page.goto(`/compare?a=not-a-trace&b=${B}`);
  await expect(page.getByRole('alert').filter({ hasText: 'not a trace id' })).toHaveText('not-a-trace is not a trace id (32 or 16 hex characters).');
});

test('the sets mode compares a selection with a baseline', async ({ page }) => {
  await page.goto(`/compare?a=${A}&b=${B}`);
  await page.getByRole('tab', { name: 'Selection vs baseline' }).click();
  await expect(page).toHaveURL(/mode=sets/);
  await page.getByLabel('Selection (TraceQL)').fill('{ resource.service.name = "cmp-fraud" }');
  await page.getByLabel('Baseline (TraceQL)').fill('{ resource.service.name = "cmp-gateway" }');
  await page.getByLabel('from', { exact: true }).first().fill('now-30m');
  await page.getByLabel('from', { exact: true }).nth(1).fill('now-30m');
  await page.getByLabel('to', { exact: true }).nth(1).fill('now');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page).toHaveURL(/selection=/);
  const result = page.getByTestId('set-comparison');
  await expect(result).toContainText('Selection: 1 traces, 4 spans');
  await expect(result).toContainText('Baseline: 2 traces, 7 spans');
  await expect(page.getByTestId('set-operations')).toContainText('POST /pay');
});
